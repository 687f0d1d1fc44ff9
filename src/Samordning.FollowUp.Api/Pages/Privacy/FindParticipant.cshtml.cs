using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Api.Pages.Privacy;

/// <summary>
/// Find a participant in one step, from the search box on every coach page: a personnummer goes
/// through the audited HMAC search (in the POST body, never in the address), a D-number
/// ("D-154", what reminders say) opens that participation. Someone registered only at another
/// provider is "not found", as in the API.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed partial class FindParticipantModel : UiPage
{
    /// <summary>What was typed. Bound as a property, never a handler argument, so no log line carries it.</summary>
    [BindProperty(Name = "sokning")]
    public string? Query { get; set; }

    public bool Searched { get; private set; }

    public IReadOnlyList<ParticipationResponse> Found { get; private set; } = [];

    /// <summary>The person's referrals at the provider, started or not.</summary>
    public IReadOnlyList<FoundReferral> Referrals { get; private set; } = [];

    public IReadOnlyDictionary<long, string> InterventionNames { get; private set; } = new Dictionary<long, string>();

    /// <summary>What the search was for, in words that never repeat the number ("personnumret", "D-154").</summary>
    public string SearchedFor { get; private set; } = string.Empty;

    protected override string FormPrefix => string.Empty;

    // Every message of the search belongs to its one field.
    protected override string FieldKey(string handlerField) => "sokning";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var typed = Query?.Trim() ?? string.Empty;
        Query = null; // the number is not written back into the page
        ModelState.Remove("sokning");
        if (DNumber().Match(typed) is { Success: true } match)
        {
            Searched = true;
            SearchedFor = "D-" + match.Groups[1].Value;
            if (long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                try
                {
                    await Sender.Send(new GetParticipationQuery(id), Aborted);
                    return Redirect($"/deltaganden/{id}");
                }
                catch (NotFoundException)
                {
                    // Not at this provider, or no such participation: the same answer either way.
                }
            }

            return Page();
        }

        var (ok, result) = await TrySendAsync(new FindParticipantQuery(typed));
        if (!ok)
        {
            return Page();
        }

        Searched = true;
        SearchedFor = "personnumret";
        Found = result!.Participations;
        Referrals = result.Referrals;
        if ((Found.Count > 0 || Referrals.Count > 0) && Caller.AssociationId is { } associationId)
        {
            InterventionNames = (await Sender.Send(new ListInterventionsQuery(associationId, Caller.ProviderId), Aborted))
                .ToDictionary(i => i.Id, i => i.Name);
        }

        return Page();
    }

    [GeneratedRegex(@"^[Dd]\s*-?\s*(\d{1,18})$")]
    private static partial Regex DNumber();
}
