using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Samordning.FollowUp.Client;
using Samordning.FollowUp.Client.Models;

namespace Samordning.FollowUp.ClientTests;

/// <summary>
/// The Kiota client generated from the running service's /openapi/v1.json, used as a client developer would:
/// sign in as the demo users, then call every create endpoint with a body holding only what the document
/// requires (plus, where the field's description says it is required in that case, those fields — checked
/// against the document before each call) and get 2xx. FOLLOWUP_CLIENT_BASE_URL names the service
/// (tests/scripts/client-tests.sh starts it in Development with its demo data).
/// </summary>
public sealed class CreateEndpointsTests
{
    private const string Password = "Uppfoljning-2026";
    private static readonly string BaseUrl = Environment.GetEnvironmentVariable("FOLLOWUP_CLIENT_BASE_URL")
        ?? throw new InvalidOperationException("FOLLOWUP_CLIENT_BASE_URL is not set: run tests/scripts/client-tests.sh.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JsonObject _schemas = null!;
    private readonly List<string> _covered = [];

    [Fact]
    public async Task EveryCreateEndpoint_MinimalBodyThroughTheGeneratedClient_Succeeds()
    {
        using var http = new HttpClient();
        _schemas = JsonNode.Parse(await http.GetStringAsync(new Uri(new Uri(BaseUrl), "/openapi/v1.json"), Ct))!["components"]!["schemas"]!.AsObject();
        var admin = await SignInAsync("admin@demo.example");
        var office = await SignInAsync("kansli@demo.example");
        var coach = await SignInAsync("coach.boras@demo.example");

        var me = await coach.Api.V1.Auth.Me.GetAsync(cancellationToken: Ct);
        var associationId = me!.AssociationId!.Value;
        var providerId = me.ProviderId!.Value;
        var today = DateTime.UtcNow.Date;
        var year = today.Year;

        // The administrator: an association and a user.
        await CreateAsync("POST /associations", async () => await admin.Api.V1.Associations.PostAsync(
            await MinimalAsync(new CreateAssociationCommand { Name = $"Klientförbundet {Guid.NewGuid():N}" }), cancellationToken: Ct));
        await CreateAsync("POST /users", async () => await admin.Api.V1.Users.PostAsync(
            await MinimalAsync(new CreateUserCommand { Email = $"klient-{Guid.NewGuid():N}@test.example", DisplayName = "Klient Användare", Role = UserRole.SystemAdmin }), cancellationToken: Ct));

        // The office: a provider, interventions (one per registration mode, for the coach's provider), plan, economy, indicators, progression.
        var association = office.Api.V1.Associations[associationId];
        await CreateAsync("POST /associations/{id}/providers", async () => await association.Providers.PostAsync(
            await MinimalAsync(new CreateProviderCommand { Name = $"Klientutföraren {Guid.NewGuid():N}" }), cancellationToken: Ct));
        async Task<long> InterventionAsync(RegistrationMode? mode, Orientation orientation, InterventionCategory category)
        {
            var created = await CreateAsync("POST /associations/{id}/interventions", async () => await association.Interventions.PostAsync(await MinimalAsync(new CreateInterventionCommand
            {
                Name = $"Klientinsats {mode}",
                ProviderId = providerId,
                Orientation = orientation,
                Category = category,
                StartDate = new Date(year - 2, 1, 1),
                RegistrationMode = mode,
            }, mode is null ? [] : ["registrationMode"]), cancellationToken: Ct));
            return created!.Id!.Value;
        }

        var identified = await InterventionAsync(null, Orientation.IndividualFocused, InterventionCategory.Preparatory);
        var anonymous = await InterventionAsync(RegistrationMode.AnonymousIndividual, Orientation.IndividualFocused, InterventionCategory.Preparatory);
        var countOnly = await InterventionAsync(RegistrationMode.CountOnly, Orientation.Structural, InterventionCategory.Training);
        await CreateAsync("PUT /interventions/{id}/plans/{year}", async () => await office.Api.V1.Interventions[identified].Plans[year].PutAsync(
            await MinimalAsync(new SetInterventionPlanCommand { PlannedParticipants = 10, BudgetSek = 100_000 }), cancellationToken: Ct));
        await CreateAsync("PUT /interventions/{id}/costs/{year}", async () => await office.Api.V1.Interventions[identified].Costs[year].PutAsync(
            await MinimalAsync(new SetInterventionCostCommand()), cancellationToken: Ct));
        await CreateAsync("PUT /associations/{id}/economy/{year}", async () => await association.Economy[year].PutAsync(
            await MinimalAsync(new SetEconomyYearCommand()), cancellationToken: Ct));
        var member = await CreateAsync("POST /associations/{id}/economy/members", async () => await association.Economy.Members.PostAsync(
            await MinimalAsync(new AddAssociationMemberCommand { Name = "Ulricehamn", Kind = MemberKind.Municipality }), cancellationToken: Ct));
        await CreateAsync("PUT /associations/{id}/economy/members/{memberId}/years/{year}", async () => await association.Economy.Members[member!.Id!.Value].Years[year].PutAsync(
            await MinimalAsync(new SetMemberYearCommand()), cancellationToken: Ct));
        await CreateAsync("PUT /associations/{id}/economy/{year}/administration/{category}", async () => await association.Economy[year].Administration["Audit"].PutAsync(
            await MinimalAsync(new SetAdministrationCostCommand { BudgetSek = 50_000 }), cancellationToken: Ct));
        await CreateAsync("PUT /associations/{id}/economy/targets", async () => await association.Economy.Targets.PutAsync(
            await MinimalAsync(new SetFinancialTargetsCommand { Targets = [] }), cancellationToken: Ct));
        var code = $"K{Random.Shared.Next(1000, 9999)}";
        await CreateAsync("POST /associations/{id}/indicator-definitions", async () => await association.IndicatorDefinitions.PostAsync(await MinimalAsync(new CreateIndicatorDefinitionCommand
        {
            Code = code, Name = "Egen försörjning", MeasurementPoint = MeasurementPoint.AtExit, SuccessRule = SuccessRule.OccupationIn,
            SuccessOccupations = [Occupation.Employed], TargetPercent = 40, ValidFrom = new Date(year, 1, 1),
        }, ["successOccupations"]), cancellationToken: Ct));
        await CreateAsync("PUT /associations/{id}/indicator-definitions/{code}", async () => await association.IndicatorDefinitions[code].PutAsync(await MinimalAsync(new ReviseIndicatorDefinitionCommand
        {
            Name = "Egen försörjning", MeasurementPoint = MeasurementPoint.AtExit, SuccessRule = SuccessRule.OccupationIn,
            SuccessOccupations = [Occupation.Employed, Occupation.Studies], TargetPercent = 45, ValidFrom = new Date(year, 6, 1),
        }, ["successOccupations"]), cancellationToken: Ct));
        var instrument = $"M{Random.Shared.Next(1000, 9999)}";
        InstrumentScaleLabel Label(int value, string label) => new() { Value = value, Label = label };
        await CreateAsync("POST /associations/{id}/progression-instruments", async () => await association.ProgressionInstruments.PostAsync(await MinimalAsync(new CreateInstrumentCommand
        {
            Code = instrument, Name = "Motivation",
            Factors = [new InstrumentFactorInput { Code = "MOT", Label = "Motivation", Direction = FactorDirection.HigherIsBetter }],
            ScaleMin = 1, ScaleMax = 2, ScaleLabels = [Label(1, "Låg"), Label(2, "Hög")], ToleranceDays = 14,
            Rule = ProgressionRule.MeanImproved, MinMeanImprovement = 1, AtStart = true, TargetPercent = 60, ValidFrom = new Date(year, 1, 1),
        }, ["minMeanImprovement", "atStart"]), cancellationToken: Ct));
        await CreateAsync("PUT /associations/{id}/progression-instruments/{code}", async () => await association.ProgressionInstruments[instrument].PutAsync(await MinimalAsync(new ReviseInstrumentCommand
        {
            Name = "Motivation",
            Factors = [new InstrumentFactorInput { Code = "MOT", Label = "Motivation", Direction = FactorDirection.HigherIsBetter }],
            ScaleMin = 1, ScaleMax = 2, ScaleLabels = [Label(1, "Låg"), Label(2, "Hög")], ToleranceDays = 14,
            Rule = ProgressionRule.MeanImproved, MinMeanImprovement = 1, AtExit = true, TargetPercent = 60, ValidFrom = new Date(year, 6, 1),
        }, ["minMeanImprovement", "atExit"]), cancellationToken: Ct));

        // The coach: intakes, counts, a note, the follow-up's contact, a measurement, an exit, a referral and its start.
        var started = today.AddMonths(-21);
        var ended = today.AddMonths(-12).AddDays(-5);
        var participation = await CreateAsync("POST /interventions/{id}/participations", async () => await coach.Api.V1.Interventions[identified].Participations.PostAsync(
            await MinimalAsync(new RegisterParticipationCommand
            {
                StartDate = Day(started), HomeMunicipality = "Borås", ReferredBy = ReferredBy.SocialInsuranceAgency, EducationLevel = EducationLevel.Unknown,
                TimeInPublicSupport = TimeInPublicSupport.Unknown, OccupationAtStart = Occupation.Unknown,
                PersonalIdentityNumber = TestPersonnummer.Unused(),
                Consent = new ConsentRequest { Date = Day(started), TextVersion = "2026-01", CollectedBy = "Åsa Öberg" },
            }, ["personalIdentityNumber", "consent"]), cancellationToken: Ct));
        var participationId = participation!.Id!.Value;
        await CreateAsync("POST /interventions/{id}/participations", async () => await coach.Api.V1.Interventions[anonymous].Participations.PostAsync(
            await MinimalAsync(new RegisterParticipationCommand
            {
                StartDate = Day(today.AddDays(-10)), HomeMunicipality = "Borås", ReferredBy = ReferredBy.SocialInsuranceAgency, EducationLevel = EducationLevel.Unknown,
                TimeInPublicSupport = TimeInPublicSupport.Unknown, OccupationAtStart = Occupation.Unknown, Gender = Gender.Man, BirthYear = 1990,
            }, ["gender", "birthYear"]), cancellationToken: Ct));
        await CreateAsync("PUT /interventions/{id}/counts/{year}/{tertial}", async () => await coach.Api.V1.Interventions[countOnly].Counts[year - 1][1].PutAsync(
            await MinimalAsync(new SetInterventionCountCommand { Women = 3, Men = 2 }), cancellationToken: Ct));
        await CreateAsync("PUT /interventions/{id}/tertial-notes/{year}/{tertial}", async () => await coach.Api.V1.Interventions[identified].TertialNotes[year - 1][1].PutAsync(
            await MinimalAsync(new SetTertialNoteCommand { WhatWorked = "Samverkan med Arbetsförmedlingen." }, ["whatWorked"]), cancellationToken: Ct));
        await CreateAsync("PUT /participations/{id}/follow-up-contact", async () => await coach.Api.V1.Participations[participationId].FollowUpContact.PutAsync(
            await MinimalAsync(new SetFollowUpContactCommand { Consent = false }), cancellationToken: Ct));
        await CreateAsync("POST /participations/{id}/measurements", async () => await coach.Api.V1.Participations[participationId].Measurements.PostAsync(
            await MinimalAsync(new RecordMeasurementCommand
            {
                InstrumentCode = "STEG", Point = ProgressionPoint.Interim, MeasuredOn = Day(started.AddDays(30)),
                Scores = [new MeasurementScoreInput { FactorCode = "STEG", Score = 3 }],
            }), cancellationToken: Ct));
        await CreateAsync("POST /participations/{id}/exit", async () => await coach.Api.V1.Participations[participationId].Exit.PostAsync(
            await MinimalAsync(new RecordExitCommand { EndDate = Day(ended), ExitReason = ExitReason.PlannedCompletion, Occupation = Occupation.Unknown }, ["occupation"]),
            cancellationToken: Ct));
        var referral = await CreateAsync("POST /interventions/{id}/referrals", async () => await coach.Api.V1.Interventions[anonymous].Referrals.PostAsync(
            await MinimalAsync(new RegisterReferralCommand { ReceivedOn = Day(today.AddDays(-3)), ReferredBy = ReferredBy.Municipality, Gender = Gender.Woman, BirthYear = 1995 },
                ["gender", "birthYear"]), cancellationToken: Ct));
        await CreateAsync("POST /referrals/{id}/start", async () => await coach.Api.V1.Referrals[referral!.Id!.Value].Start.PostAsync(
            await MinimalAsync(new StartFromReferral
            {
                StartDate = Day(today.AddDays(-1)), HomeMunicipality = "Borås", EducationLevel = EducationLevel.Unknown,
                TimeInPublicSupport = TimeInPublicSupport.Unknown, OccupationAtStart = Occupation.Unknown,
            }), cancellationToken: Ct));

        // The exit's follow-up: the administrator runs the scheduler and waits for it through the API.
        var run = await admin.Api.V1.Jobs["follow-up-scheduler"].Run.PostAsync(cancellationToken: Ct);
        for (var i = 0; i < 120; i++)
        {
            var state = (await admin.Api.V1.Jobs.Runs[run!.JobId!].GetAsync(cancellationToken: Ct))!.State;
            if (state is JobRunState.Succeeded)
            {
                break;
            }

            Assert.NotEqual(JobRunState.Failed, state);
            await Task.Delay(500, Ct);
        }

        var followUps = await coach.Api.V1.FollowUps.GetAsync(r => r.QueryParameters.PageSize = 200, Ct);
        var followUp = followUps!.Items!.Single(f => f.ParticipationId == participationId).Id!.Value;
        await CreateAsync("POST /follow-ups/{id}/contact-attempts", async () => await coach.Api.V1.FollowUps[followUp].ContactAttempts.PostAsync(
            await MinimalAsync(new RecordContactAttemptCommand { AttemptedOn = Day(today.AddDays(-1)), Outcome = ContactAttemptOutcome.NoAnswer }), cancellationToken: Ct));
        await CreateAsync("POST /follow-ups/{id}/result", async () => await coach.Api.V1.FollowUps[followUp].Result.PostAsync(
            await MinimalAsync(new RecordFollowUpResultCommand { Outcome = FollowUpOutcome.Reached, ContactedOn = Day(today), Occupation = Occupation.Unknown }, ["occupation"]),
            cancellationToken: Ct));

        // The same 25 creates as the integration tests' MinimalBodyTests (which also fails when a POST or PUT has no case).
        Assert.Equal(25, _covered.Distinct().Count());
    }

    private static Date Day(DateTime day) => new(day);

    private async Task<T?> CreateAsync<T>(string name, Func<Task<T?>> call)
    {
        _covered.Add(name);
        try
        {
            return await call();
        }
        catch (ApiException e)
        {
            var detail = e switch
            {
                HttpValidationProblemDetails v => string.Join("; ", v.Errors?.AdditionalData.Select(kv => $"{kv.Key}: {kv.Value}") ?? []),
                ProblemDetails p => $"{p.Title} {p.Detail}",
                _ => string.Empty,
            };
            Assert.Fail($"{name}: {e.ResponseStatusCode} {e.Message} {detail}");
            throw;
        }
    }

    /// <summary>The body as it goes out holds exactly the schema's required fields and the named ones of the case.</summary>
    private async Task<T> MinimalAsync<T>(T body, string[]? caseFields = null)
        where T : IParsable
    {
        var name = typeof(T).Name;
        var required = _schemas[name]?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var sent = JsonNode.Parse(await KiotaJsonSerializer.SerializeAsStringAsync(body, true, Ct))!.AsObject().Select(p => p.Key).ToHashSet();
        var expected = required.Union(caseFields ?? []).ToHashSet();
        Assert.True(sent.SetEquals(expected), $"{name}: sends [{string.Join(", ", sent.Order())}], the document requires [{string.Join(", ", required.Order())}]");
        return body;
    }

    private static async Task<FollowUpClient> SignInAsync(string email)
    {
        var anonymous = new FollowUpClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = BaseUrl });
        var token = await anonymous.Api.V1.Auth.Login.PostAsync(new SignInRequest { Email = email, Password = Password }, cancellationToken: Ct);
        var adapter = new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticToken(token!.AccessToken!, new Uri(BaseUrl).Host)))
        {
            BaseUrl = BaseUrl,
        };
        return new FollowUpClient(adapter);
    }

    private sealed class StaticToken(string token, string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
