using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Ui;

/// <summary>A code in a form of the web UI is one defined name, as in the API (Api/StrictInputTests).</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class StrictFormTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The web UI binds codes with the same rule: a tampered select is a field error and nothing is stored.</summary>
    [Fact]
    public async Task UiExitForm_CodeAsListOrNumber_ShowsTheFieldError_AndRecordsNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman()));
        using var browser = await UiSession.SignInAsync(Factory, Samordning.FollowUp.Domain.UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        var page = $"/deltaganden/{participation.Id}/avslut";
        var token = await UiSession.FormTokenAsync(browser, page);
        (string, string)[] Form(string reason, string occupation) =>
        [
            ("Input.EndDate", "2026-06-15"), ("Input.ExitReason", reason), ("Input.Occupation", occupation),
            ("Input.ExtentPercent", "50"), ("Input.IncomeSources", "Salary"), ("Input.StepAtExit", "4"),
        ];

        foreach (var (reason, occupation) in new[]
        {
            ("PlannedCompletion, Other", "Employed"), ("6", "Employed"), ("PlannedCompletion", "Employed, Studies"), ("PlannedCompletion", "2"),
        })
        {
            var response = await UiSession.PostFormAsync(browser, page, token, Form(reason, occupation));

            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Värdet är inte giltigt.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            var unchanged = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
            Assert.True(unchanged.Exit is null, $"ExitReason '{reason}', Occupation '{occupation}': an exit was recorded ({unchanged.Exit?.ExitReason}, {unchanged.Exit?.Occupation})");
        }

        var saved = await UiSession.PostFormAsync(browser, page, token, Form("PlannedCompletion", "Employed"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var ended = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(("PlannedCompletion", "Employed"), (ended.Exit!.ExitReason, ended.Exit.Occupation));
    }
}
