using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Ui;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// Every endpoint of the application × every role × own / other provider / other association →
/// the status the role table in the README promises: allowed and in scope 2xx, a role that may
/// not 403, an entity outside the caller's association or provider 404 (the same as an id that
/// does not exist), nobody signed in 401. The endpoint list comes from the running application:
/// an endpoint without a row here fails <see cref="EveryEndpoint_HasARule"/>.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class AuthorizationMatrixTests(ApiFactory factory) : ApiTest(factory)
{
    public enum Scope
    {
        /// <summary>Not about one association's data (code lists, the signed-in user, tools).</summary>
        None,

        /// <summary>The handler filters by the caller (lists of the caller's own rows).</summary>
        Caller,
        Association,

        /// <summary>A provider: its coaches, and the office and board of its association.</summary>
        Provider,
        Intervention,
        Participation,
        FollowUp,

        /// <summary>A referral: like a participation, its provider's coaches only.</summary>
        Referral,

        /// <summary>A person looked up by personnummer at the coach's own provider.</summary>
        Person,

        /// <summary>A user account, managed by the administrator or the office of its association.</summary>
        User,

        /// <summary>A coach account awaiting its provider: only the same provider's coaches reach it.</summary>
        ProviderUser,
    }

    public enum Target
    {
        Own,
        OtherProvider,
        OtherAssociation,
    }

    private const UserRole Admin_ = UserRole.SystemAdmin;
    private const UserRole Office_ = UserRole.AssociationAdmin;
    private const UserRole Board_ = UserRole.BoardMember;
    private const UserRole Coach_ = UserRole.Coach;

    private sealed record Rule(UserRole[] Roles, Scope Scope, Func<World, Target, int, Task<Call>> Request, HttpStatusCode OutOfScope = HttpStatusCode.NotFound);

    private sealed record Call(HttpMethod Method, string Path, JsonNode? Body = null);

    /// <summary>Endpoints anyone may call: sign-in, first-admin setup, health, the start page, static scripts.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/password",
        "POST /api/v1/setup/first-admin",
        "* /health",

        // The API reference's static bundle (open-source Scalar scripts, no data of ours); the
        // page and the OpenAPI document themselves are for administrators outside Development.
        "GET /scalar/favicon.svg",
        "GET /scalar/scalar.js",
        "GET /scalar/scalar.aspnetcore.js",
    ];

    private static Call Get(string path) => new(HttpMethod.Get, path);

    private static Call Post(string path, JsonNode? body = null) => new(HttpMethod.Post, path, body ?? new JsonObject());

    private static Call Put(string path, JsonNode body) => new(HttpMethod.Put, path, body);

    private static readonly Dictionary<string, Rule> Rules = new()
    {
        // Sign-in and users
        ["POST /api/v1/auth/logout"] = new([Admin_, Office_, Board_, Coach_], Scope.None, (_, _, _) => Task.FromResult(Post("/api/v1/auth/logout"))),
        ["GET /api/v1/auth/me"] = new([Admin_, Office_, Board_, Coach_], Scope.None, (_, _, _) => Task.FromResult(Get("/api/v1/auth/me"))),
        ["POST /api/v1/users"] = new([Admin_, Office_], Scope.Association, (w, t, n) => Task.FromResult(Post("/api/v1/users", new JsonObject
        {
            ["email"] = $"ny{n}@test.example",
            ["displayName"] = "Ny användare",
            ["role"] = "BoardMember",
            ["associationId"] = w.Association(t),
        })), HttpStatusCode.BadRequest),
        ["GET /api/v1/users"] = new([Admin_, Office_, Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/users"))),
        ["POST /api/v1/users/{id}/password-link"] = new([Admin_, Office_], Scope.User, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/users/{w.UserIds[t]}/password-link"))),
        // Only a coach of the account's own provider lets a new coach account in; nobody else reaches identity through it.
        ["POST /api/v1/users/{id}/confirm"] = new([Coach_], Scope.ProviderUser, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/users/{w.PendingCoachIds[t]}/confirm"))),
        // Linking the organisation's account (OidcSignInTests): whoever manages the user; each call has a refused attempt to link.
        ["GET /api/v1/users/{id}/external-login"] = new([Admin_, Office_], Scope.User, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/users/{w.UserIds[t]}/external-login"))),
        ["POST /api/v1/users/{id}/external-login"] = new([Admin_, Office_], Scope.User, async (w, t, n) =>
            Post($"/api/v1/users/{await w.ExternalLoginAttemptAsync(t, n)}/external-login")),
        ["PUT /api/v1/users/{id}"] = new([Admin_, Office_], Scope.User, (w, t, _) => Task.FromResult(Put($"/api/v1/users/{w.UserIds[t]}", new JsonObject
        {
            ["displayName"] = "Ändrat namn",
            ["role"] = "BoardMember",
            ["associationId"] = w.Association(t),
            ["isLocked"] = false,
        }))),

        // Associations and providers
        ["POST /api/v1/associations"] = new([Admin_], Scope.None, (_, _, n) => Task.FromResult(Post("/api/v1/associations", new JsonObject { ["name"] = $"Förbund {n}" }))),
        ["GET /api/v1/associations/{id:long}"] = new([Office_, Board_, Coach_], Scope.Association, (w, t, _) => Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}"))),
        ["PUT /api/v1/associations/{id:long}/intake-settings"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/intake-settings", new JsonObject { ["defaultConsentTextVersion"] = "2026-02" }))),
        ["GET /api/v1/associations/overview"] = new([Admin_], Scope.None, (_, _, _) => Task.FromResult(Get("/api/v1/associations/overview"))),
        ["POST /api/v1/associations/{associationId:long}/providers"] = new([Office_, Admin_], Scope.Association, (w, t, n) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/providers", new JsonObject { ["name"] = $"Utförare {n}" }))),
        ["GET /api/v1/associations/{associationId:long}/providers"] = new([Office_, Board_, Admin_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/providers"))),
        ["PUT /api/v1/associations/{associationId:long}/providers/{providerId:long}"] = new([Office_], Scope.Association, (w, t, n) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/providers/{w.Provider(t)}", new JsonObject { ["name"] = $"Utförare {n}" }))),
        ["POST /api/v1/associations/{associationId:long}/providers/{providerId:long}/deactivate"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/providers/{w.Provider(t)}/deactivate"))),
        ["POST /api/v1/associations/{associationId:long}/providers/{providerId:long}/reactivate"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/providers/{w.Provider(t)}/reactivate"))),
        ["GET /api/v1/associations/{associationId:long}/providers/overview"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/providers/overview"))),

        // Interventions
        ["POST /api/v1/associations/{associationId:long}/interventions"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/interventions",
                TestData.Intervention(w.Provider(t), Mode.Identified, TestDates.InterventionStart, TestDates.InterventionEnd)))),
        ["GET /api/v1/associations/{associationId:long}/interventions"] = new([Office_, Board_, Coach_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/interventions"))),
        ["GET /api/v1/interventions/{id:long}"] = new([Office_, Board_, Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}"))),
        ["PUT /api/v1/interventions/{id:long}"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/interventions/{w.Interventions[t]}",
                TestData.Intervention(w.Provider(t), Mode.Identified, new DateOnly(2025, 1, 1), TestDates.InterventionEnd)))),
        ["POST /api/v1/interventions/{id:long}/end"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/interventions/{w.Interventions[t]}/end",
                new JsonObject { ["endDate"] = TestDates.InterventionEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))),
        ["GET /api/v1/interventions/{id:long}/history"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/history"))),
        ["GET /api/v1/interventions/{id:long}/figures"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/figures"))),
        ["GET /api/v1/interventions/{id:long}/edit-state"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/edit-state"))),
        ["GET /api/v1/associations/{associationId:long}/interventions/figures"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/interventions/figures?year=2025"))),
        ["PUT /api/v1/interventions/{id:long}/plans/{year:int}"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/interventions/{w.Interventions[t]}/plans/2026", new JsonObject
            {
                ["plannedParticipants"] = 20, ["budgetSek"] = 100_000, ["actualCostSek"] = 40_000,
            }))),
        ["PUT /api/v1/interventions/{id:long}/counts/{year:int}/{tertial:int}"] = new([Office_, Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/interventions/{w.CountOnly[t]}/counts/2026/1", new JsonObject { ["women"] = 3, ["men"] = 4 }))),
        ["PUT /api/v1/interventions/{id:long}/tertial-notes/{year:int}/{tertial:int}"] = new([Office_, Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/interventions/{w.Interventions[t]}/tertial-notes/2026/2", new JsonObject
            {
                ["referralFlowAndQueue"] = "Jämnt inflöde", ["whatWorked"] = null, ["deviationsAndRisks"] = null,
            }))),

        // Participations
        ["POST /api/v1/interventions/{interventionId:long}/participations"] = new([Coach_], Scope.Intervention, (w, t, n) =>
            Task.FromResult(Post($"/api/v1/interventions/{w.Interventions[t]}/participations",
                TestData.Identified(TestPersonnummer.Woman(200 + n), new DateOnly(2026, 6, 1))))),
        ["GET /api/v1/interventions/{interventionId:long}/intake-defaults"] = new([Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/intake-defaults"))),
        ["GET /api/v1/interventions/{interventionId:long}/participations"] = new([Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/participations"))),
        ["GET /api/v1/participations/{id:long}"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/participations/{w.Participations[t]}"))),
        ["PUT /api/v1/participations/{id:long}"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/participations/{w.Participations[t]}", TestData.Identified(w.Numbers[t], World.LongAgo)))),
        ["POST /api/v1/participations/{id:long}/exit"] = new([Coach_], Scope.Participation, async (w, t, n) =>
            Post($"/api/v1/participations/{await w.OpenParticipationAsync(t, n)}/exit", TestData.Exit(new DateOnly(2026, 10, 1)))),
        ["PUT /api/v1/participations/{id:long}/exit"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/participations/{w.Participations[t]}/exit", TestData.Exit(World.ExitDate)))),
        ["GET /api/v1/participations/{id:long}/identity"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/participations/{w.Participations[t]}/identity"))),
        ["PUT /api/v1/participations/{id:long}/follow-up-contact"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/participations/{w.Participations[t]}/follow-up-contact",
                new JsonObject { ["consent"] = true, ["email"] = "person@test.example" }))),
        ["GET /api/v1/participations/{id:long}/follow-up-contact"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/participations/{w.Participations[t]}/follow-up-contact"))),
        ["GET /api/v1/participations/{id:long}/follow-up-contact/full"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/participations/{w.Participations[t]}/follow-up-contact/full"))),
        ["POST /api/v1/participations/{id:long}/consent/withdraw"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/participations/{w.Participations[t]}/consent/withdraw", new JsonObject()))),
        ["POST /api/v1/participations/search"] = new([Coach_], Scope.Caller, (w, t, _) =>
            Task.FromResult(Post("/api/v1/participations/search", new JsonObject { ["personalIdentityNumber"] = w.Numbers[t] }))),
        // Referrals (issue 19): the provider's like participations; the office and board read the queue's counts only.
        ["POST /api/v1/interventions/{interventionId:long}/referrals"] = new([Coach_], Scope.Intervention, (w, t, n) =>
            Task.FromResult(Post($"/api/v1/interventions/{w.Interventions[t]}/referrals", TestData.IdentifiedReferral(TestPersonnummer.Woman(700 + n), World.Referred)))),
        ["GET /api/v1/interventions/{interventionId:long}/referrals"] = new([Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/referrals"))),
        ["GET /api/v1/interventions/{interventionId:long}/referral-queue"] = new([Office_, Board_, Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/referral-queue"))),
        ["PUT /api/v1/interventions/{interventionId:long}/places"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/interventions/{w.Interventions[t]}/places", new JsonObject { ["places"] = 12 }))),
        ["GET /api/v1/referrals/waiting-long"] = new([Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/referrals/waiting-long"))),
        ["GET /api/v1/referrals/{id:long}"] = new([Coach_], Scope.Referral, async (w, t, n) =>
            Get($"/api/v1/referrals/{await w.WaitingReferralAsync(t, n)}")),
        ["POST /api/v1/referrals/{id:long}/accept"] = new([Coach_], Scope.Referral, async (w, t, n) =>
            Post($"/api/v1/referrals/{await w.WaitingReferralAsync(t, n)}/accept", new JsonObject { ["date"] = "2026-06-02", ["plannedStartDate"] = "2026-07-01" })),
        ["POST /api/v1/referrals/{id:long}/decline"] = new([Coach_], Scope.Referral, async (w, t, n) =>
            Post($"/api/v1/referrals/{await w.WaitingReferralAsync(t, n)}/decline", new JsonObject { ["date"] = "2026-06-02", ["reason"] = "DeclinedByPerson" })),
        ["POST /api/v1/referrals/{id:long}/withdraw"] = new([Coach_], Scope.Referral, async (w, t, n) =>
            Post($"/api/v1/referrals/{await w.WaitingReferralAsync(t, n)}/withdraw", new JsonObject { ["date"] = "2026-06-02" })),
        ["POST /api/v1/referrals/{id:long}/start"] = new([Coach_], Scope.Referral, async (w, t, n) =>
            Post($"/api/v1/referrals/{await w.WaitingReferralAsync(t, n)}/start", TestData.StartFromReferral(new DateOnly(2026, 6, 15)))),
        ["GET /api/v1/participations"] = new([Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/participations"))),
        ["GET /api/v1/participations/export"] = new([Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/participations/export?format=csv"))),
        ["POST /api/v1/data-subject/export"] = new([Coach_], Scope.Person, (w, t, _) =>
            Task.FromResult(Post("/api/v1/data-subject/export", new JsonObject { ["personalIdentityNumber"] = w.Numbers[t] }))),
        ["POST /api/v1/data-subject/erase"] = new([Coach_], Scope.Person, (w, t, _) =>
            Task.FromResult(Post("/api/v1/data-subject/erase", new JsonObject { ["personalIdentityNumber"] = w.Numbers[t] }))),

        // Follow-ups and notifications
        ["GET /api/v1/follow-ups"] = new([Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/follow-ups"))),
        ["POST /api/v1/follow-ups/{id:long}/result"] = new([Coach_], Scope.FollowUp, async (w, t, n) =>
            Post($"/api/v1/follow-ups/{await w.OpenFollowUpAsync(t, n)}/result", World.FollowUpResult())),
        ["PUT /api/v1/follow-ups/{id:long}/result"] = new([Coach_], Scope.FollowUp, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/follow-ups/{w.FollowUps[t]}/result", World.FollowUpResult()))),
        ["POST /api/v1/follow-ups/{id:long}/contact-attempts"] = new([Coach_], Scope.FollowUp, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/follow-ups/{w.FollowUps[t]}/contact-attempts",
                new JsonObject { ["attemptedOn"] = "2026-11-19", ["outcome"] = "NoAnswer" }))),
        ["GET /api/v1/follow-ups/{id:long}/contact-attempts"] = new([Coach_], Scope.FollowUp, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/follow-ups/{w.FollowUps[t]}/contact-attempts"))),
        ["GET /api/v1/follow-ups/{id:long}/result/history"] = new([Coach_], Scope.FollowUp, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/follow-ups/{w.FollowUps[t]}/result/history"))),
        ["GET /api/v1/notifications"] = new([Office_, Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/notifications"))),

        // Indicators
        ["GET /api/v1/associations/{associationId:long}/indicator-definitions"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/indicator-definitions"))),
        ["POST /api/v1/associations/{associationId:long}/indicator-definitions"] = new([Office_], Scope.Association, (w, t, n) =>
        {
            var body = World.Definition(new DateOnly(2026, 1, 1));
            body["code"] = $"X{n}";
            return Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/indicator-definitions", body));
        }),
        ["PUT /api/v1/associations/{associationId:long}/indicator-definitions/{code}"] = new([Office_], Scope.Association, (w, t, n) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/indicator-definitions/I1", World.Definition(new DateOnly(2025, 5, 1).AddDays(n))))),
        ["POST /api/v1/associations/{associationId:long}/indicator-definitions/{code}/preview"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/indicator-definitions/I1/preview", World.Definition(new DateOnly(2025, 5, 1))))),
        ["GET /api/v1/associations/{associationId:long}/indicators"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/indicators?year=2026&mode=Year"))),

        // Progression (issue 21)
        ["GET /api/v1/associations/{associationId:long}/progression-instruments"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/progression-instruments"))),
        ["POST /api/v1/associations/{associationId:long}/progression-instruments"] = new([Office_], Scope.Association, (w, t, n) =>
        {
            var body = World.Instrument(new DateOnly(2026, 1, 1));
            body["code"] = $"P{n}";
            return Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/progression-instruments", body));
        }),
        ["PUT /api/v1/associations/{associationId:long}/progression-instruments/{code}"] = new([Office_], Scope.Association, (w, t, n) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/progression-instruments/STEG", World.Instrument(new DateOnly(2025, 5, 1).AddDays(n))))),
        ["POST /api/v1/associations/{associationId:long}/progression-instruments/{code}/preview"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/progression-instruments/STEG/preview", World.Instrument(new DateOnly(2025, 5, 1))))),
        ["GET /api/v1/participations/{id:long}/measurements"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/participations/{w.Participations[t]}/measurements"))),
        ["POST /api/v1/participations/{id:long}/measurements"] = new([Coach_], Scope.Participation, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/participations/{w.Participations[t]}/measurements", World.Measurement()))),
        ["PUT /api/v1/participations/{id:long}/measurements/{measurementId:long}"] = new([Coach_], Scope.Participation, async (w, t, _) =>
            Put($"/api/v1/participations/{w.Participations[t]}/measurements/{await w.MeasurementAsync(t)}", World.Measurement())),
        ["GET /api/v1/measurements/due"] = new([Coach_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/measurements/due"))),

        // Reports
        ["GET /api/v1/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/reports/tertial/2026/2"))),
        ["GET /api/v1/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}/report.xlsx"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/reports/tertial/2026/2/report.xlsx"))),
        ["GET /api/v1/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}/report.pdf"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/reports/tertial/2026/2/report.pdf"))),
        ["GET /api/v1/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}/report.csv"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/reports/tertial/2026/2/report.csv"))),
        ["POST /api/v1/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}/close"] = new([Office_], Scope.Association, (w, t, n) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/reports/tertial/{2024 + n % 2}/{1 + n % 3}/close", new JsonObject { ["adoptedBy"] = "Styrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." }))),
        ["GET /api/v1/associations/{associationId:long}/exports/uppfoljning-finsam/{year:int}"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/exports/uppfoljning-finsam/2026"))),

        // Economy: the office edits, the board reads, a coach reads its own interventions' budget and cost
        ["GET /api/v1/associations/{associationId:long}/economy/{year:int}"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/economy/2026?tertial=2"))),
        ["PUT /api/v1/associations/{associationId:long}/economy/{year:int}"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/economy/2026", new JsonObject { ["totalContributionSek"] = 4_000_000, ["openingEquitySek"] = 500_000 }))),
        ["POST /api/v1/associations/{associationId:long}/economy/members"] = new([Office_], Scope.Association, (w, t, n) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/economy/members", new JsonObject { ["name"] = $"Staten {n}", ["kind"] = "State" }))),
        ["PUT /api/v1/associations/{associationId:long}/economy/members/{memberId:long}/years/{year:int}"] = new([Office_], Scope.Association, async (w, t, _) =>
            Put($"/api/v1/associations/{w.Association(t)}/economy/members/{await w.MemberAsync(t)}/years/2026", new JsonObject { ["contributionSek"] = 2_000_000 })),
        ["PUT /api/v1/associations/{associationId:long}/economy/{year:int}/administration/{category}"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/economy/2026/administration/Staff", new JsonObject { ["budgetSek"] = 400_000, ["tertial1Sek"] = 120_000 }))),
        ["PUT /api/v1/associations/{associationId:long}/economy/targets"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/associations/{w.Association(t)}/economy/targets", new JsonObject
            {
                ["targets"] = new JsonArray(new JsonObject { ["kind"] = "MinimumEquity", ["amountSek"] = 2_000_000 }),
            }))),
        ["GET /api/v1/associations/{associationId:long}/economy/financing-plan"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/economy/financing-plan?from=2026"))),
        ["GET /api/v1/associations/{associationId:long}/economy/financing-plan.xlsx"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/economy/financing-plan.xlsx?from=2026"))),
        ["POST /api/v1/associations/{associationId:long}/economy/cost-import"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/economy/cost-import", new JsonObject
            {
                ["fileName"] = "utfall.csv",
                ["contentBase64"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Typ;Namn;År;Tertial;Månad;Belopp\nAdministration;IT;2026;1;;1000\n")),
                ["commit"] = false,
            }))),
        ["PUT /api/v1/interventions/{id:long}/costs/{year:int}"] = new([Office_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Put($"/api/v1/interventions/{w.Interventions[t]}/costs/2026", new JsonObject { ["tertial1Sek"] = 30_000 }))),
        ["GET /api/v1/interventions/{id:long}/economy"] = new([Office_, Board_, Coach_], Scope.Intervention, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/interventions/{w.Interventions[t]}/economy"))),

        // Trends: the office of the association (exact figures; the board's figures are the masked report's)
        ["GET /api/v1/associations/{associationId:long}/trends"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/trends"))),

        // The tertial cycle
        ["GET /api/v1/providers/{providerId:long}/tertial-reports/{year:int}/{tertial:int}"] = new([Office_, Coach_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/providers/{w.Provider(t)}/tertial-reports/2026/2"))),
        ["POST /api/v1/providers/{providerId:long}/tertial-reports/{year:int}/{tertial:int}/attest"] = new([Coach_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/providers/{w.Provider(t)}/tertial-reports/2026/2/attest", new JsonObject { ["reason"] = "Matrisen" }))),
        ["POST /api/v1/providers/{providerId:long}/tertial-reports/{year:int}/{tertial:int}/accept"] = new([Office_], Scope.Provider, async (w, t, n) =>
            Post(await w.AttestedReportAsync(t, n, "accept"))),
        ["POST /api/v1/providers/{providerId:long}/tertial-reports/{year:int}/{tertial:int}/return"] = new([Office_], Scope.Provider, async (w, t, n) =>
            Post(await w.AttestedReportAsync(t, n, "return"), new JsonObject { ["remark"] = "Komplettera kön" })),
        ["GET /api/v1/associations/{associationId:long}/tertial-reports/{year:int}/{tertial:int}"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/tertial-reports/2026/2"))),
        ["GET /api/v1/associations/{associationId:long}/tertial-reports/{year:int}/{tertial:int}/summary"] = new([Office_, Board_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/tertial-reports/2026/2/summary"))),
        ["GET /api/v1/providers/{providerId:long}/tertial-reports/{year:int}/{tertial:int}/figures"] = new([Office_, Coach_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/providers/{w.Provider(t)}/tertial-reports/2026/2/figures"))),
        ["GET /api/v1/providers/{providerId:long}/tertial-notes/{year:int}/{tertial:int}"] = new([Office_, Coach_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/providers/{w.Provider(t)}/tertial-notes/2026/2"))),
        ["POST /api/v1/associations/{associationId:long}/tertial-reports/{year:int}/{tertial:int}/reminders"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/associations/{w.Association(t)}/tertial-reports/2026/2/reminders", new JsonObject()))),

        // Data quality: counts for the office and the provider's coaches, the list behind a count for the coaches only
        ["GET /api/v1/associations/{associationId:long}/data-quality/{year:int}/{tertial:int}"] = new([Office_], Scope.Association, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/associations/{w.Association(t)}/data-quality/2026/2"))),
        ["GET /api/v1/providers/{providerId:long}/data-quality/{year:int}/{tertial:int}"] = new([Office_, Coach_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/providers/{w.Provider(t)}/data-quality/2026/2"))),
        ["GET /api/v1/providers/{providerId:long}/data-quality/{year:int}/{tertial:int}/{check}"] = new([Coach_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Get($"/api/v1/providers/{w.Provider(t)}/data-quality/2026/2/ExitsWithoutStep"))),
        ["POST /api/v1/providers/{providerId:long}/data-quality/{year:int}/{tertial:int}/reminders"] = new([Office_], Scope.Provider, (w, t, _) =>
            Task.FromResult(Post($"/api/v1/providers/{w.Provider(t)}/data-quality/2026/2/reminders", new JsonObject()))),

        // Everyone signed in; administrators' tools
        ["GET /api/v1/code-lists"] = new([Admin_, Office_, Board_, Coach_], Scope.None, (_, _, _) => Task.FromResult(Get("/api/v1/code-lists"))),
        ["GET /api/v1/audit"] = new([Admin_, Office_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/audit"))),
        ["GET /api/v1/audit/export"] = new([Admin_, Office_], Scope.Caller, (_, _, _) => Task.FromResult(Get("/api/v1/audit/export"))),
        ["POST /api/v1/jobs/{jobId}/run"] = new([Admin_], Scope.None, (_, _, _) => Task.FromResult(Post("/api/v1/jobs/follow-up-scheduler/run"))),
        ["GET /api/v1/jobs/runs/{runId}"] = new([Admin_], Scope.None, (w, _, _) => Task.FromResult(Get($"/api/v1/jobs/runs/{w.JobRun()}"))),
        ["GET /openapi/{documentName}.json"] = new([Admin_], Scope.None, (_, _, _) => Task.FromResult(Get("/openapi/v1.json"))),
        ["GET /scalar/{documentName?}"] = new([Admin_], Scope.None, (_, _, _) => Task.FromResult(Get("/scalar/"))),
        ["* /hangfire/{**path}"] = new([Admin_], Scope.None, (_, _, _) => Task.FromResult(Get("/hangfire/"))),
    };

    public static TheoryData<string> RuleKeys => [.. Rules.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryEndpoint_HasARule()
    {
        // The web UI's pages have their own matrix (UiAccessTests), signed in with the cookie.
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !UiAccessTests.IsPage(e))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalise(e.RoutePattern.RawText)}"))
            .Distinct()
            .ToList();

        var withoutRule = endpoints.Where(e => !Rules.ContainsKey(e) && !Anonymous.Contains(e)).Order(StringComparer.Ordinal).ToList();
        var stale = Rules.Keys.Concat(Anonymous).Where(k => !endpoints.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(withoutRule.Count == 0, "Endpoints without a rule in the matrix:\n" + string.Join("\n", withoutRule));
        Assert.True(stale.Count == 0, "Rules for endpoints that no longer exist:\n" + string.Join("\n", stale));
    }

    [Theory]
    [MemberData(nameof(RuleKeys))]
    public async Task Endpoint_AnswersEachRoleAsTheRoleTablePromises(string endpoint)
    {
        var rule = Rules[endpoint];
        var world = await World.CreateAsync(Factory, Data, Users);
        var failures = new List<string>();
        var n = 0;

        var anonymous = await SendAsync(Users.Anonymous, await rule.Request(world, Target.Own, n++));
        if (anonymous != HttpStatusCode.Unauthorized)
        {
            failures.Add($"not signed in: expected 401, got {(int)anonymous}");
        }

        foreach (var role in Enum.GetValues<UserRole>())
        {
            foreach (var target in Enum.GetValues<Target>())
            {
                var call = await rule.Request(world, target, n++);
                var status = await SendAsync(world.Client(role), call);
                var expected = Expected(rule, role, target);
                var ok = expected == HttpStatusCode.OK ? (int)status is >= 200 and < 300 : status == expected;
                if (!ok)
                {
                    failures.Add($"{role} on {target} ({call.Method} {call.Path}): expected {(expected == HttpStatusCode.OK ? "2xx" : ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture))}, got {(int)status}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{endpoint}:\n" + string.Join("\n", failures));
    }

    private static HttpStatusCode Expected(Rule rule, UserRole role, Target target)
    {
        if (!rule.Roles.Contains(role))
        {
            return HttpStatusCode.Forbidden;
        }

        if (role == UserRole.SystemAdmin)
        {
            return HttpStatusCode.OK;
        }

        var inScope = rule.Scope switch
        {
            Scope.None or Scope.Caller => true,
            // A coach belongs to its provider's association; the office and the board to theirs.
            Scope.Association or Scope.User => target != Target.OtherAssociation,
            Scope.Provider or Scope.Intervention or Scope.Participation or Scope.FollowUp or Scope.Referral =>
                role == UserRole.Coach ? target == Target.Own : target != Target.OtherAssociation,
            Scope.Person or Scope.ProviderUser => target == Target.Own,
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        return inScope ? HttpStatusCode.OK : rule.OutOfScope;
    }

    private static async Task<HttpStatusCode> SendAsync(ApiClient client, Call call)
    {
        using var response = call.Method == HttpMethod.Get ? await client.GetAsync(call.Path)
            : call.Method == HttpMethod.Put ? await client.PutAsync(call.Path, call.Body!)
            : await client.PostAsync(call.Path, call.Body!);
        if (call.Path == "/api/v1/auth/logout")
        {
            // Sign-out ends every token of the user at once: the next call needs a new sign-in.
            client.ForgetSignIn();
        }

        return response.StatusCode;
    }

    /// <summary>Route patterns as the matrix writes them: a leading slash, nothing else changed.</summary>
    private static string Normalise(string? raw) => raw is null ? string.Empty : raw.StartsWith('/') ? raw : "/" + raw;

    /// <summary>
    /// Association A with providers A1 (the coach's) and A2, association B with B1; in each
    /// provider an identified intervention with one ended participation whose follow-up has a
    /// result, and a count-only intervention.
    /// </summary>
    private sealed class World
    {
        public static readonly DateOnly LongAgo = new(2025, 3, 3);
        public static readonly DateOnly ExitDate = new(2025, 11, 20);

        private readonly ApiFactory _factory;
        private readonly TestData _data;
        private readonly TestUsers _users;

        private World(ApiFactory factory, TestData data, TestUsers users)
        {
            _factory = factory;
            _data = data;
            _users = users;
        }

        public Dictionary<Target, long> Associations { get; } = [];
        public Dictionary<Target, long> Providers { get; } = [];
        public Dictionary<Target, long> Interventions { get; } = [];
        public Dictionary<Target, long> CountOnly { get; } = [];
        public Dictionary<Target, long> Participations { get; } = [];
        public Dictionary<Target, long> FollowUps { get; } = [];
        public Dictionary<Target, string> Numbers { get; } = [];
        public Dictionary<Target, string> UserIds { get; } = [];
        public Dictionary<Target, string> PendingCoachIds { get; } = [];

        private readonly Dictionary<Target, long> _members = [];

        /// <summary>A run of a recurring job (queued: the tests' host runs no job server).</summary>
        public string JobRun() =>
            _factory.Services.GetRequiredService<Hangfire.IRecurringJobManagerV2>().TriggerJob(global::Samordning.FollowUp.Jobs.RecurringJobs.FollowUpScheduler);

        /// <summary>A member (the state) of the target's association, added on first use.</summary>
        public async Task<long> MemberAsync(Target target)
        {
            if (!_members.TryGetValue(target, out var id))
            {
                id = await _factory.WithDbAsync(async db =>
                {
                    var member = new AssociationMember { AssociationId = Associations[target], Name = $"Försäkringskassan {target}", Kind = MemberKind.State };
                    db.AssociationMembers.Add(member);
                    await db.SaveChangesAsync();
                    return member.Id;
                });
                _members[target] = id;
            }

            return id;
        }

        public long Association(Target target) => Associations[target];

        /// <summary>
        /// The target's user, with a refused sign-in of the organisation's account (subject <paramref name="n"/>)
        /// that names the user's own role and scope, as ExternalSignIn records it.
        /// </summary>
        public async Task<string> ExternalLoginAttemptAsync(Target target, int n)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<UserAccount>>();
            var user = (await users.FindByIdAsync(UserIds[target]))!;
            var attempt = new global::Samordning.FollowUp.Features.Users.ExternalLoginRequest(
                "https://idp.example", $"matrix-{n}", user.Email!, user.Role, user.AssociationId, user.ProviderId, DateTime.UtcNow);
            await users.SetAuthenticationTokenAsync(user, global::Samordning.FollowUp.Features.Users.ExternalLogins.PendingLinkProvider,
                global::Samordning.FollowUp.Features.Users.ExternalLogins.PendingLinkName, System.Text.Json.JsonSerializer.Serialize(attempt));
            return user.Id;
        }

        public long Provider(Target target) => Providers[target];

        public ApiClient Client(UserRole role) => role switch
        {
            UserRole.SystemAdmin => _users.Admin,
            UserRole.AssociationAdmin => _users.OfficeOf(Associations[Target.Own]),
            UserRole.BoardMember => _users.BoardOf(Associations[Target.Own]),
            _ => _users.CoachOf(Providers[Target.Own]),
        };

        public static async Task<World> CreateAsync(ApiFactory factory, TestData data, TestUsers users)
        {
            var world = new World(factory, data, users);
            var a = await data.AssociationAsync();
            var b = await data.AssociationAsync();
            world.Associations[Target.Own] = a.Id;
            world.Associations[Target.OtherProvider] = a.Id;
            world.Associations[Target.OtherAssociation] = b.Id;
            world.Providers[Target.Own] = (await data.ProviderAsync(a.Id)).Id;
            world.Providers[Target.OtherProvider] = (await data.ProviderAsync(a.Id)).Id;
            world.Providers[Target.OtherAssociation] = (await data.ProviderAsync(b.Id)).Id;

            var i = 0;
            foreach (var target in Enum.GetValues<Target>())
            {
                var association = world.Associations[target];
                var provider = world.Providers[target];
                var intervention = await data.InterventionAsync(association, provider, Mode.Identified, start: new DateOnly(2025, 1, 1));
                world.Interventions[target] = intervention.Id;
                world.CountOnly[target] = (await data.InterventionAsync(association, provider, Mode.CountOnly, start: new DateOnly(2025, 1, 1))).Id;
                world.Numbers[target] = TestPersonnummer.Man(100 + i++);
                var participation = await data.ParticipationAsync(intervention.Id, TestData.Identified(world.Numbers[target], LongAgo));
                await data.ExitAsync(participation.Id, TestData.Exit(ExitDate));
                world.Participations[target] = participation.Id;
            }

            await factory.SendAsync(new RunFollowUpSchedulerCommand());
            foreach (var target in Enum.GetValues<Target>())
            {
                var followUp = await data.FollowUpOfAsync(world.Participations[target]);
                world.FollowUps[target] = followUp!.Id;
                await data.RecordFollowUpAsync(followUp.Id, FollowUpResult());
            }

            // A user per target for PUT /users/{id}: board members of A and B, and one in A under the other provider's association.
            foreach (var target in Enum.GetValues<Target>())
            {
                var email = await factory.CreateUserAsync(UserRole.BoardMember, world.Associations[target], null);
                world.UserIds[target] = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

                // A coach account of the target's provider that its provider has not confirmed.
                var pending = await factory.CreateUserAsync(UserRole.Coach, world.Associations[target], world.Providers[target]);
                world.PendingCoachIds[target] = await factory.WithDbAsync(async db =>
                {
                    var id = await db.Users.Where(u => u.Email == pending).Select(u => u.Id).SingleAsync();
                    await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ProviderConfirmedAtUtc, (DateTime?)null));
                    return id;
                });
            }

            return world;
        }

        public static readonly DateOnly Referred = new(2026, 6, 1);

        /// <summary>A new waiting referral in the target's intervention, so each call has one to decide.</summary>
        public async Task<long> WaitingReferralAsync(Target target, int n) =>
            (await _data.ReferralAsync(Interventions[target], TestData.IdentifiedReferral(TestPersonnummer.Woman(800 + n), Referred))).Id;

        /// <summary>A new participation without exit in the target's intervention, so each call has one to end.</summary>
        public async Task<long> OpenParticipationAsync(Target target, int n)
        {
            var participation = await _data.ParticipationAsync(Interventions[target],
                TestData.Identified(TestPersonnummer.Woman(400 + n), new DateOnly(2026, 6, 1)));
            return participation.Id;
        }

        /// <summary>The path of a step on the target provider's report for a tertial of its own (one per call), attested by its coach.</summary>
        public async Task<string> AttestedReportAsync(Target target, int n, string step)
        {
            var (providerId, year) = (Providers[target], 2000 + n);
            await _factory.WithDbAsync(async db =>
            {
                db.ProviderTertialReports.Add(new ProviderTertialReport
                {
                    AssociationId = Associations[target], ProviderId = providerId, Year = year, Tertial = 1, State = TertialReportState.Attested,
                    UpdatedAtUtc = LongAgo.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                });
                return await db.SaveChangesAsync();
            });
            return $"/api/v1/providers/{providerId}/tertial-reports/{year}/1/{step}";
        }

        /// <summary>A new follow-up without a result in the target's intervention.</summary>
        public async Task<long> OpenFollowUpAsync(Target target, int n)
        {
            var participation = await _data.ParticipationAsync(Interventions[target], TestData.Identified(TestPersonnummer.Woman(600 + n), LongAgo));
            await _data.ExitAsync(participation.Id, TestData.Exit(ExitDate));
            await _factory.SendAsync(new RunFollowUpSchedulerCommand(participation.Id));
            return await _factory.WithDbAsync(db => db.TwelveMonthFollowUps.Where(f => f.ParticipationId == participation.Id).Select(f => f.Id).SingleAsync());
        }

        /// <summary>A new uncorrected measurement of the step scale in the target's participation.</summary>
        public async Task<long> MeasurementAsync(Target target)
        {
            var (associationId, participationId) = (Associations[target], Participations[target]);
            return await _factory.WithDbAsync(async db =>
            {
                var instrumentId = await db.ProgressionInstruments.Where(i => i.AssociationId == associationId && i.Code == "STEG")
                    .Select(i => i.Id).FirstAsync();
                var measurement = new ProgressionMeasurement
                {
                    ParticipationId = participationId, InstrumentId = instrumentId, Point = ProgressionPoint.Interim,
                    MeasuredOn = new DateOnly(2025, 6, 1), RecordedBy = "test", RecordedAtUtc = LongAgo.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    Scores = [new ProgressionScore { FactorCode = "STEG", Score = 2 }],
                };
                db.ProgressionMeasurements.Add(measurement);
                await db.SaveChangesAsync();
                return measurement.Id;
            });
        }

        public static JsonObject Measurement() => new()
        {
            ["instrumentCode"] = "STEG",
            ["point"] = "Interim",
            ["measuredOn"] = "2025-07-01",
            ["scores"] = new JsonArray(new JsonObject { ["factorCode"] = "STEG", ["score"] = 3 }),
        };

        public static JsonObject Instrument(DateOnly validFrom) => new()
        {
            ["name"] = "Steg",
            ["factors"] = new JsonArray(new JsonObject { ["code"] = "STEG", ["label"] = "Steg", ["direction"] = "HigherIsBetter" }),
            ["scaleMin"] = 1,
            ["scaleMax"] = 2,
            ["scaleLabels"] = new JsonArray(new JsonObject { ["value"] = 1, ["label"] = "Utanför" }, new JsonObject { ["value"] = 2, ["label"] = "Närmare" }),
            ["atStart"] = true,
            ["atExit"] = true,
            ["toleranceDays"] = 14,
            ["rule"] = "FactorImproved",
            ["ruleFactorCode"] = "STEG",
            ["targetPercent"] = 60,
            ["validFrom"] = validFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };

        public static JsonObject FollowUpResult() => TestData.FollowUpResult("Reached", new DateOnly(2026, 11, 20), "Employed");

        public static JsonObject Definition(DateOnly validFrom) => new()
        {
            ["name"] = "Egen försörjning vid avslut",
            ["measurementPoint"] = "AtExit",
            ["orientation"] = "IndividualFocused",
            ["categories"] = new JsonArray(),
            ["registrationModes"] = new JsonArray("Identified", "AnonymousIndividual"),
            ["excludedExitReasons"] = new JsonArray("RegisteredInError", "Deceased"),
            ["successRule"] = "OccupationIn",
            ["successOccupations"] = new JsonArray("Employed", "Studies"),
            ["targetPercent"] = 40,
            ["validFrom"] = validFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
