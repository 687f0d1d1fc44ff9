using Samordning.FollowUp.Features.Associations;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>The step list of the guided setup: the current step (1–4) and the association as it stands (null before it exists).</summary>
public sealed record SetupStepsModel(int Current, AssociationOverviewRow? Association)
{
    public static readonly IReadOnlyList<string> Names = ["Förbundet", "Kansliets användare", "Utförare", "Klart"];

    public bool IsDone(int step) => step switch
    {
        1 => Association is not null,
        2 => Association is { OfficeUsers: > 0 },
        3 => Association is { ActiveProviders: > 0 },
        _ => Association is { NextStep: null },
    };
}
