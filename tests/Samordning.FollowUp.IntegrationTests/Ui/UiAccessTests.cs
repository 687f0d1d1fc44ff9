using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Ui;

/// <summary>
/// The web UI's pages × roles, signed in with the UI's cookie: a page of the role's own data 200,
/// another role's page 403, a participant, intervention or follow-up of another provider or
/// association 404 (as in the API), nobody signed in → the sign-in page. Every page of the app must
/// appear here (<see cref="EveryPage_HasACase"/>). The pages call the same handlers as the API, so
/// this checks that they pass the caller on, not the rules themselves (AuthorizationMatrixTests).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class UiAccessTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>Pages anyone may open.</summary>
    private static readonly HashSet<string> Open =
        ["/logga-in", "/logga-in/extern", "/logga-in/extern-nekad", "/ingen-behorighet", "/status/{code:int}", "/konto/valj-losenord", "/svara"];

    internal static bool IsPage(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    private const string OtherProviderCoach = "coach of another provider in the association";

    private sealed record World(
        string BoardUser,
        long Association, long Provider, long OtherProvider, long OtherAssociation,
        long Intervention, long OtherIntervention, long Participation, long OtherParticipation, long FollowUp, long OtherFollowUp)
    {
        /// <summary>A provider of the other association.</summary>
        public long FarProvider { get; init; }

        /// <summary>A waiting referral to <see cref="Intervention"/>, and one to <see cref="OtherIntervention"/>.</summary>
        public long Referral { get; init; }

        public long OtherReferral { get; init; }
    }

    private sealed record Case(string Template, UserRole? Role, Func<World, string> Path, HttpStatusCode Expected, string Who = "own");

    private static Case Ok(string template, UserRole role, Func<World, string>? path = null) => new(template, role, path ?? (_ => template), HttpStatusCode.OK);

    private static Case Forbidden(string template, UserRole role, Func<World, string>? path = null) => new(template, role, path ?? (_ => template), HttpStatusCode.Forbidden);

    private static Case Missing(string template, UserRole role, Func<World, string> path, string who) => new(template, role, path, HttpStatusCode.NotFound, who);

    private static IEnumerable<Case> Cases()
    {
        const UserRole coach = UserRole.Coach, office = UserRole.AssociationAdmin, board = UserRole.BoardMember, admin = UserRole.SystemAdmin;

        // Coach pages: own provider 200; another provider (same or other association) 404; other roles 403.
        var coachPages = new (string Template, Func<World, string> Own, Func<World, string> OtherProvider, Func<World, string> OtherAssociation)[]
        {
            ("/insatser/{id:long}/inskrivning", w => $"/insatser/{w.Intervention}/inskrivning", w => $"/insatser/{w.Intervention}/inskrivning", w => $"/insatser/{w.OtherIntervention}/inskrivning"),
            ("/insatser/{id:long}/deltagare", w => $"/insatser/{w.Intervention}/deltagare", w => $"/insatser/{w.Intervention}/deltagare", w => $"/insatser/{w.OtherIntervention}/deltagare"),
            ("/deltaganden/{id:long}", w => $"/deltaganden/{w.Participation}", w => $"/deltaganden/{w.Participation}", w => $"/deltaganden/{w.OtherParticipation}"),
            ("/deltaganden/{id:long}/avslut", w => $"/deltaganden/{w.Participation}/avslut", w => $"/deltaganden/{w.Participation}/avslut", w => $"/deltaganden/{w.OtherParticipation}/avslut"),
            ("/deltaganden/{id:long}/rattelse", w => $"/deltaganden/{w.Participation}/rattelse", w => $"/deltaganden/{w.Participation}/rattelse", w => $"/deltaganden/{w.OtherParticipation}/rattelse"),
            ("/deltaganden/{id:long}/matningar", w => $"/deltaganden/{w.Participation}/matningar", w => $"/deltaganden/{w.Participation}/matningar", w => $"/deltaganden/{w.OtherParticipation}/matningar"),
            ("/insatser/{id:long}/anvisningar", w => $"/insatser/{w.Intervention}/anvisningar", w => $"/insatser/{w.Intervention}/anvisningar", w => $"/insatser/{w.OtherIntervention}/anvisningar"),
            ("/insatser/{id:long}/anvisningar/ny", w => $"/insatser/{w.Intervention}/anvisningar/ny", w => $"/insatser/{w.Intervention}/anvisningar/ny", w => $"/insatser/{w.OtherIntervention}/anvisningar/ny"),
            ("/anvisningar/{id:long}", w => $"/anvisningar/{w.Referral}", w => $"/anvisningar/{w.Referral}", w => $"/anvisningar/{w.OtherReferral}"),
            ("/insatser/{id:long}/ekonomi", w => $"/insatser/{w.Intervention}/ekonomi", w => $"/insatser/{w.Intervention}/ekonomi", w => $"/insatser/{w.OtherIntervention}/ekonomi"),
            ("/uppfoljningar/{id:long}", w => $"/uppfoljningar/{w.FollowUp}", w => $"/uppfoljningar/{w.FollowUp}", w => $"/uppfoljningar/{w.OtherFollowUp}"),
            ("/deltaganden/{id:long}/kontakt", w => $"/deltaganden/{w.Participation}/kontakt", w => $"/deltaganden/{w.Participation}/kontakt", w => $"/deltaganden/{w.OtherParticipation}/kontakt"),
        };
        foreach (var (template, own, otherProvider, otherAssociation) in coachPages)
        {
            yield return new Case(template, coach, own, HttpStatusCode.OK);
            yield return Missing(template, coach, otherProvider, OtherProviderCoach);
            yield return Missing(template, coach, otherAssociation, "other association");
            yield return new Case(template, office, own, HttpStatusCode.Forbidden);
            yield return new Case(template, board, own, HttpStatusCode.Forbidden);
        }

        // The counts page of an intervention that registers individuals sends to its intake.
        yield return new Case("/insatser/{id:long}/antal", coach, w => $"/insatser/{w.Intervention}/antal", HttpStatusCode.Redirect);
        yield return Missing("/insatser/{id:long}/antal", coach, w => $"/insatser/{w.Intervention}/antal", OtherProviderCoach);
        yield return Missing("/insatser/{id:long}/antal", coach, w => $"/insatser/{w.OtherIntervention}/antal", "other association");
        yield return Forbidden("/insatser/{id:long}/antal", office, w => $"/insatser/{w.Intervention}/antal");
        yield return Forbidden("/insatser/{id:long}/antal", board, w => $"/insatser/{w.Intervention}/antal");

        // Mina deltagare and the search: always the signed-in coach's own provider.
        foreach (var template in new[] { "/deltagare", "/sok", "/radera-personuppgifter" })
        {
            yield return Ok(template, coach);
            yield return Forbidden(template, office);
            yield return Forbidden(template, board);
            yield return Forbidden(template, admin);
        }

        yield return Ok("/att-gora", coach);
        yield return Forbidden("/att-gora", office);
        yield return Forbidden("/att-gora", board);
        yield return Ok("/insatser", coach);
        // The coach's tertial reporting: always the signed-in coach's own provider, so no other provider's address exists.
        yield return Ok("/tertialrapportering/{ar:int?}/{tertial:int?}", coach, _ => "/tertialrapportering");
        yield return Ok("/tertialrapportering/{ar:int?}/{tertial:int?}", coach, _ => "/tertialrapportering/2026/2");
        yield return new Case("/tertialrapportering/{ar:int?}/{tertial:int?}", coach, _ => "/tertialrapportering/2026/2", HttpStatusCode.OK, OtherProviderCoach);
        yield return Forbidden("/tertialrapportering/{ar:int?}/{tertial:int?}", office, _ => "/tertialrapportering/2026/2");
        yield return Forbidden("/tertialrapportering/{ar:int?}/{tertial:int?}", board, _ => "/tertialrapportering/2026/2");
        yield return Forbidden("/tertialrapportering/{ar:int?}/{tertial:int?}", admin, _ => "/tertialrapportering/2026/2");
        // The coach's data quality and the list behind each count: always the signed-in coach's own provider.
        yield return Ok("/datakvalitet", coach);
        yield return Ok("/datakvalitet", coach, _ => "/datakvalitet?ar=2026&tertial=2&kontroll=ExitsWithoutStep");
        yield return new Case("/datakvalitet", coach, _ => "/datakvalitet?ar=2026&tertial=2&kontroll=ExitsWithoutStep", HttpStatusCode.OK, OtherProviderCoach);
        yield return Forbidden("/datakvalitet", office, _ => "/datakvalitet?ar=2026&tertial=2&kontroll=ExitsWithoutStep");
        yield return Forbidden("/datakvalitet", board);
        yield return Forbidden("/datakvalitet", admin);
        yield return Ok("/konton", coach);
        yield return Forbidden("/konton", office);
        yield return Forbidden("/konton", board);
        yield return Forbidden("/konton", admin);
        yield return new Case("/", coach, _ => "/", HttpStatusCode.Redirect);
        yield return Forbidden("/insatser", office);

        // The office's pages.
        foreach (var template in new[] { "/kansli/insatser", "/kansli/insatser/ny", "/kansli/indikatorer", "/kansli/indikatorer/ny", "/kansli/progression", "/kansli/progression/utkast", "/kansli/anvandare", "/kansli/anvandare/ny", "/kansli/datakvalitet", "/kansli/utforare", "/kansli/utforare/ny", "/kansli/ekonomi", "/kansli/finansieringsplan", "/kansli/ekonomi/import" })
        {
            yield return Ok(template, office);
            yield return Forbidden(template, coach);
            yield return Forbidden(template, board);
        }

        yield return Ok("/kansli/insatser/{id:long}", office, w => $"/kansli/insatser/{w.Intervention}");
        yield return Missing("/kansli/insatser/{id:long}", office, w => $"/kansli/insatser/{w.OtherIntervention}", "other association");
        yield return Forbidden("/kansli/insatser/{id:long}", coach, w => $"/kansli/insatser/{w.Intervention}");
        yield return Forbidden("/kansli/insatser/{id:long}", board, w => $"/kansli/insatser/{w.Intervention}");
        foreach (var page in new[] { "andra", "avsluta" })
        {
            var template = $"/kansli/insatser/{{id:long}}/{page}";
            yield return Ok(template, office, w => $"/kansli/insatser/{w.Intervention}/{page}");
            yield return Missing(template, office, w => $"/kansli/insatser/{w.OtherIntervention}/{page}", "other association");
            yield return Forbidden(template, coach, w => $"/kansli/insatser/{w.Intervention}/{page}");
            yield return Forbidden(template, board, w => $"/kansli/insatser/{w.Intervention}/{page}");
            yield return Forbidden(template, admin, w => $"/kansli/insatser/{w.Intervention}/{page}");
        }

        yield return Ok("/kansli/anvandare", admin);
        yield return Forbidden("/kansli/utforare", admin);
        yield return Ok("/kansli/utforare/{id:long}", office, w => $"/kansli/utforare/{w.Provider}");
        yield return Missing("/kansli/utforare/{id:long}", office, w => $"/kansli/utforare/{w.FarProvider}", "other association");
        yield return Forbidden("/kansli/utforare/{id:long}", coach, w => $"/kansli/utforare/{w.Provider}");
        yield return Forbidden("/kansli/utforare/{id:long}", board, w => $"/kansli/utforare/{w.Provider}");
        yield return Ok("/kansli/anvandare/{id}", office, w => $"/kansli/anvandare/{w.BoardUser}");
        yield return Forbidden("/kansli/anvandare/{id}", coach, w => $"/kansli/anvandare/{w.BoardUser}");

        // The tertial report: office and board of the association.
        yield return Ok("/rapport/{ar:int?}/{tertial:int?}", office, _ => "/rapport/2026/2");
        yield return Ok("/rapport/{ar:int?}/{tertial:int?}", board, _ => "/rapport/2026/2");
        yield return Ok("/rapport/{ar:int?}/{tertial:int?}", board, _ => "/rapport");
        yield return Forbidden("/rapport/{ar:int?}/{tertial:int?}", coach, _ => "/rapport/2026/2");
        yield return Forbidden("/rapport/{ar:int?}/{tertial:int?}", admin, _ => "/rapport/2026/2");

        // The tertial cycle, the office's page: its own association's providers.
        yield return Ok("/kansli/tertialrapportering/{ar:int?}/{tertial:int?}", office, _ => "/kansli/tertialrapportering");
        yield return Ok("/kansli/tertialrapportering/{ar:int?}/{tertial:int?}", office, _ => "/kansli/tertialrapportering/2026/2");
        yield return Forbidden("/kansli/tertialrapportering/{ar:int?}/{tertial:int?}", coach, _ => "/kansli/tertialrapportering/2026/2");
        yield return Forbidden("/kansli/tertialrapportering/{ar:int?}/{tertial:int?}", board, _ => "/kansli/tertialrapportering/2026/2");
        yield return Forbidden("/kansli/tertialrapportering/{ar:int?}/{tertial:int?}", admin, _ => "/kansli/tertialrapportering/2026/2");

        // The audit log: the office (its own association's lines) and the administrator (all, with a filter per association).
        yield return Ok("/kansli/logg", office);
        yield return Ok("/kansli/logg", admin);
        yield return Ok("/kansli/logg", admin, w => $"/kansli/logg?forbund={w.OtherAssociation}");
        // An office asking for another association's lines gets its own: the page never passes the association on.
        yield return Ok("/kansli/logg", office, w => $"/kansli/logg?forbund={w.OtherAssociation}");
        yield return Forbidden("/kansli/logg", coach);
        yield return Forbidden("/kansli/logg", board);

        // The figures for Uppföljning Finsam: the office's own association only.
        yield return Ok("/kansli/riksexport", office);
        yield return Ok("/kansli/riksexport", office, _ => "/kansli/riksexport?ar=2026");
        yield return Forbidden("/kansli/riksexport", coach);
        yield return Forbidden("/kansli/riksexport", board);
        yield return Forbidden("/kansli/riksexport", admin);

        // Trends: the office's own association; another association's intervention is not found; no other role.
        yield return Ok("/kansli/utveckling", office);
        yield return Ok("/kansli/utveckling", office, w => $"/kansli/utveckling?insats={w.Intervention}");
        yield return Missing("/kansli/utveckling", office, w => $"/kansli/utveckling?insats={w.OtherIntervention}", "other association");
        yield return Forbidden("/kansli/utveckling", coach, w => $"/kansli/utveckling?insats={w.Intervention}");
        yield return new Case("/kansli/utveckling", coach, w => $"/kansli/utveckling?insats={w.Intervention}", HttpStatusCode.Forbidden, OtherProviderCoach);
        yield return Forbidden("/kansli/utveckling", board);
        yield return Forbidden("/kansli/utveckling", admin);

        yield return Ok("/logga-ut", coach);

        // Setting up an association (the administrator's guided flow): any association, no one else.
        foreach (var (template, path) in new (string, Func<World, string>)[]
        {
            ("/kansli/forbund", _ => "/kansli/forbund"),
            ("/kansli/forbund/nytt", _ => "/kansli/forbund/nytt"),
            ("/kansli/forbund/{id:long}/kansli", w => $"/kansli/forbund/{w.Association}/kansli"),
            ("/kansli/forbund/{id:long}/utforare", w => $"/kansli/forbund/{w.Association}/utforare"),
            ("/kansli/forbund/{id:long}/klart", w => $"/kansli/forbund/{w.Association}/klart"),
        })
        {
            yield return Ok(template, admin, path);
            yield return Forbidden(template, office, path);
            yield return Forbidden(template, board, path);
            yield return Forbidden(template, coach, path);
        }

        foreach (var step in new[] { "kansli", "utforare", "klart" })
        {
            // Another association's setup is the administrator's as much as the first one's; the office of the first may not open it.
            yield return Ok($"/kansli/forbund/{{id:long}}/{step}", admin, w => $"/kansli/forbund/{w.OtherAssociation}/{step}");
            yield return new Case($"/kansli/forbund/{{id:long}}/{step}", office, w => $"/kansli/forbund/{w.OtherAssociation}/{step}", HttpStatusCode.Forbidden, "other association");
            yield return new Case($"/kansli/forbund/{{id:long}}/{step}", coach, w => $"/kansli/forbund/{w.Association}/{step}", HttpStatusCode.Forbidden, OtherProviderCoach);
        }
    }

    [Fact]
    public async Task EveryPage_EachRole_AnswersAsTheRoleTableSays()
    {
        var world = await ArrangeAsync();
        var clients = new Dictionary<(UserRole, string), HttpClient>();
        var checkedCases = 0;
        var failures = new List<string>();
        foreach (var c in Cases())
        {
            if (c.Role is not { } role)
            {
                continue;
            }

            // A coach of the other provider opens the first provider's pages; everyone else is of the first.
            var provider = c.Who == OtherProviderCoach ? world.OtherProvider : world.Provider;
            if (!clients.TryGetValue((role, c.Who), out var client))
            {
                client = await SignedInAsync(role, role == UserRole.SystemAdmin ? null : world.Association, role == UserRole.Coach ? provider : null);
                clients[(role, c.Who)] = client;
            }

            var path = c.Path(world);
            using var response = await client.GetAsync(path, Ct);
            checkedCases++;
            if (response.StatusCode != c.Expected)
            {
                failures.Add($"{role} GET {path} ({c.Who}): expected {(int)c.Expected}, got {(int)response.StatusCode}");
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedCases > 60, $"only {checkedCases} cases ran");
    }

    [Fact]
    public async Task EveryPage_NobodySignedIn_SendsToTheSignInPage()
    {
        var world = await ArrangeAsync();
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        foreach (var path in Cases().Select(c => c.Path(world)).Distinct())
        {
            using var response = await anonymous.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {path}: {(int)response.StatusCode}");
            Assert.StartsWith("/logga-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        foreach (var (path, status, heading) in new[]
        {
            ("/logga-in", HttpStatusCode.OK, "Logga in"),
            ("/ingen-behorighet", HttpStatusCode.Forbidden, "Ingen behörighet"),
            ("/status/404", HttpStatusCode.OK, "Sidan finns inte"),
            // The answer link's page needs no sign-in; without a valid link it says so, about nobody.
            ("/svara", HttpStatusCode.OK, "Länken fungerar inte"),
            // The refusal of a sign-in with the organisation's account (OidcSignInTests) names no one.
            ("/logga-in/extern-nekad?orsak=roll-saknas", HttpStatusCode.OK, "Inloggningen nekades"),
        })
        {
            using var response = await anonymous.GetAsync(path, Ct);
            Assert.True(response.StatusCode == status, $"GET {path}: {(int)response.StatusCode}");
            Assert.Contains($"<h1>{heading}</h1>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The external sign-in's landing page signs nobody in without the provider's answer: it refuses.
        using var external = await anonymous.GetAsync("/logga-in/extern", Ct);
        Assert.Equal(HttpStatusCode.Redirect, external.StatusCode);
        Assert.Equal("/logga-in/extern-nekad?orsak=misslyckades", external.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task MissingOrRefusedPage_InTheUi_IsASwedishPageNotAnApiProblem()
    {
        var association = await Data.AssociationAsync();
        using var board = await SignedInAsync(UserRole.BoardMember, association.Id, null);

        using var missing = await board.GetAsync("/finns-inte", Ct);
        var missingPage = await missing.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<h1>Sidan finns inte</h1>", missingPage, StringComparison.Ordinal);

        using var forbidden = await board.GetAsync("/att-gora", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var forbiddenPage = await forbidden.Content.ReadAsStringAsync(Ct);
        Assert.True(forbiddenPage.Contains("<h1>Ingen behörighet</h1>", StringComparison.Ordinal), forbiddenPage);
    }

    [Fact]
    public async Task UserList_AdministratorFiltersByAssociationName_OpensOne()
    {
        var association = await Data.AssociationAsync("Samordningsförbundet Östra Skaraborg");
        await Data.AssociationAsync("Finsam Älvsborg");
        var email = await Factory.CreateUserAsync(UserRole.BoardMember, association.Id, null);
        var id = await Factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
        using var admin = await SignedInAsync(UserRole.SystemAdmin, null, null);

        var list = await (await admin.GetAsync($"/kansli/anvandare?forbund={association.Id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<option value=\"{association.Id}\" selected=\"selected\">Samordningsförbundet Östra Skaraborg</option>", list, StringComparison.Ordinal);
        Assert.Contains("Finsam Älvsborg</option>", list, StringComparison.Ordinal);
        Assert.Contains(email, list, StringComparison.Ordinal);

        using var edit = await admin.GetAsync($"/kansli/anvandare/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        using var missing = await admin.GetAsync("/kansli/anvandare/finns-inte", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void EveryPage_HasACase()
    {
        var pages = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(IsPage)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
        var covered = Cases().Select(c => c.Template).Concat(Open).Append("/insatser/personnummer-kontroll").ToHashSet();
        var without = pages.Where(p => !covered.Contains(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(without.Count == 0, "Pages without a case in UiAccessTests:\n" + string.Join("\n", without));
    }

    private Task<HttpClient> SignedInAsync(UserRole role, long? associationId, long? providerId) =>
        UiSession.SignInAsync(Factory, role, associationId, providerId);

    private async Task<World> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var otherProvider = await Data.ProviderAsync(association.Id);
        var otherAssociation = await Data.AssociationAsync();
        var farProvider = await Data.ProviderAsync(otherAssociation.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id);
        var otherIntervention = await Data.InterventionAsync(otherAssociation.Id, farProvider.Id);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(0), new DateOnly(2026, 1, 5)));
        var otherParticipation = await Data.ParticipationAsync(otherIntervention.Id, TestData.Identified(TestPersonnummer.Man(0), new DateOnly(2026, 1, 5)));
        await Data.ExitAsync(participation.Id, TestData.Exit(new DateOnly(2026, 1, 20)));
        await Data.ExitAsync(otherParticipation.Id, TestData.Exit(new DateOnly(2026, 1, 20)));
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(1), new DateOnly(2026, 6, 1)));
        var otherReferral = await Data.ReferralAsync(otherIntervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Man(1), new DateOnly(2026, 6, 1)));
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var followUps = await Factory.WithDbAsync(db => Task.FromResult(db.TwelveMonthFollowUps.ToDictionary(f => f.ParticipationId, f => f.Id)));
        var boardEmail = await Factory.CreateUserAsync(UserRole.BoardMember, association.Id, null);
        var boardUser = await Factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == boardEmail).Id));
        return new World(boardUser, association.Id, provider.Id, otherProvider.Id, otherAssociation.Id, intervention.Id, otherIntervention.Id,
            participation.Id, otherParticipation.Id, followUps[participation.Id], followUps[otherParticipation.Id])
        {
            FarProvider = farProvider.Id,
            Referral = referral.Id,
            OtherReferral = otherReferral.Id,
        };
    }
}
