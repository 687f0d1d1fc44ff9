using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>An intervention's fields as the create and edit forms hold them (one partial, _InterventionFields, draws both).</summary>
public sealed class InterventionForm
{
    public string? Name { get; set; }

    public long? ProviderId { get; set; }

    public Orientation? Orientation { get; set; }

    public InterventionCategory? Category { get; set; }

    public RegistrationMode? RegistrationMode { get; set; }

    public string? Municipalities { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public int? ExpectedLengthWeeks { get; set; }

    public string? TargetGroup { get; set; }

    /// <summary>The municipalities as typed, with commas, semicolons or lines between them.</summary>
    public string[] MunicipalityList() =>
        (Municipalities ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public CreateInterventionCommand ToCreate(long associationId) =>
        new(Name, ProviderId, Orientation, Category, RegistrationMode, MunicipalityList(), StartDate, EndDate, ExpectedLengthWeeks, TargetGroup)
        {
            AssociationId = associationId,
        };

    public UpdateInterventionCommand ToUpdate(long interventionId) =>
        new(Name, ProviderId, Orientation, Category, RegistrationMode, MunicipalityList(), StartDate, EndDate, ExpectedLengthWeeks, TargetGroup)
        {
            InterventionId = interventionId,
        };

    public static InterventionForm Of(InterventionResponse i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new()
        {
            Name = i.Name,
            ProviderId = i.ProviderId,
            Orientation = i.Orientation,
            Category = i.Category,
            RegistrationMode = i.RegistrationMode,
            Municipalities = string.Join(", ", i.Municipalities),
            StartDate = i.StartDate,
            EndDate = i.EndDate,
            ExpectedLengthWeeks = i.ExpectedLengthWeeks,
            TargetGroup = i.TargetGroup,
        };
    }

    /// <summary>Categories grouped under their orientation (both orientations have a "Kartläggning").</summary>
    public static IEnumerable<SelectListItem> CategoryOptions()
    {
        yield return new SelectListItem("Välj …", string.Empty);
        foreach (var orientation in Enum.GetValues<Orientation>())
        {
            var group = new SelectListGroup { Name = SwedishFormat.Label(orientation) };
            foreach (var category in Enum.GetValues<InterventionCategory>().Where(c => c.BelongsTo(orientation)))
            {
                yield return new SelectListItem(SwedishFormat.Label(category), category.ToString()) { Group = group };
            }
        }
    }
}

/// <summary>What the fields partial needs beside the form: the providers to offer, and whether the fixed fields are locked.</summary>
public sealed record InterventionFieldsOptions(IEnumerable<SelectListItem> Providers, bool Creating, bool Locked, string? ProviderName);
