using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Trends;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Reports.Trends;

namespace Samordning.FollowUp.IntegrationTests.Trends;

/// <summary>
/// The office's trends (GET /associations/{id}/trends, the page /kansli/utveckling) on
/// <see cref="TrendFixture"/>: every indicator value is the figure the nightly job stored, every
/// volume the tertial report's count of that tertial alone, per intervention and for the
/// association; a tertial without stored figures says why instead of showing 0.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Trends")]
public sealed class TrendsTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateTimeOffset InT3of2026 = new(2026, 9, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Trends_EveryTertial_EqualsTheStoredIndicatorsAndTheTertialReport()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);
        await Data.CountAsync(f.C.Id, 2026, 5, 7, tertial: 2);
        Factory.Clock.AdjustTime(InT3of2026);
        await Factory.SendAsync(new ComputeIndicatorsCommand(f.Association.Id), Ct);
        var stored = await Factory.WithDbAsync(db => db.IndicatorResults.AsNoTracking()
            .Where(r => r.AssociationId == f.Association.Id && r.Mode == IndicatorPeriodMode.Period).ToListAsync(Ct));

        foreach (var scope in new long?[] { null, f.A.Id, f.B.Id, f.C.Id })
        {
            var trends = await TrendsAsync(f.Association.Id, scope);

            // T1 2024 … T3 2026: three calendar years, the last tertial begun ten days ago.
            Assert.Equal(9, trends.Tertials.Count);
            Assert.Equal((2024, 1), (trends.Tertials[0].Year, trends.Tertials[0].Tertial));
            Assert.Equal([false, false, false, false, false, false, false, false, true], trends.Tertials.Select(t => t.Ongoing));
            Assert.Equal(InT3of2026.UtcDateTime, trends.IndicatorsComputedAtUtc);
            Assert.Equal(["I1", "I2", "I3"], trends.Indicators.Select(i => i.Code));
            Assert.Equal(TrendFixture.I1Version2Name, trends.Indicators[0].Name);

            foreach (var (tertial, index) in trends.Tertials.Select((t, i) => (t, i)))
            {
                var what = $"{(scope is null ? "förbundet" : $"insats {scope}")} T{tertial.Tertial} {tertial.Year}";
                var report = await ReportAsync(f.Association.Id, tertial.Year, tertial.Tertial);
                var row = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions).SingleOrDefault(r => r.InterventionId == scope);
                var figures = scope is null ? report.Total : row?.Figures;
                var volume = trends.Volumes[index];
                if (figures is null)
                {
                    // The interventions start in 2025: the report of a 2024 tertial does not list them.
                    Assert.True(!volume.Running && volume.New is null && volume.Active is null && volume.Ended is null, what);
                }
                else
                {
                    Assert.True(volume.Running, what);
                    Assert.True((figures.New, figures.Active, figures.Ended) == (volume.New, volume.Active, volume.Ended),
                        $"{what}: report (new, active, ended) {(figures.New, figures.Active, figures.Ended)}, trends {(volume.New, volume.Active, volume.Ended)}");
                }

                foreach (var series in trends.Indicators)
                {
                    var value = series.Values[index];
                    var rows = stored.Where(r => r.Code == series.Code && r.Year == tertial.Year && r.Tertial == tertial.Tertial
                        && r.InterventionId == scope).ToList();
                    if (rows.Count == 0)
                    {
                        Assert.True(value.Total is null, $"{what} {series.Code}: nothing stored, yet a figure");
                        continue;
                    }

                    IndicatorFigure Stored(IndicatorGender gender) => rows.Single(r => r.Gender == gender) is var r
                        ? new IndicatorFigure(r.Numerator, r.Denominator, r.MissingData, r.Reached, r.Rate, r.RateOfReached, r.ResponseRate,
                            r.TargetPercent, r.Met, r.TooFew)
                        : throw new InvalidOperationException();
                    Assert.True(Stored(IndicatorGender.Total) == value.Total, $"{what} {series.Code}: stored {Stored(IndicatorGender.Total)}, trends {value.Total}");
                    Assert.Equal(Stored(IndicatorGender.Woman), value.Woman);
                    Assert.Equal(Stored(IndicatorGender.Man), value.Man);
                    Assert.Equal(rows[0].DefinitionVersion, value.DefinitionVersion);
                    Assert.Equal(rows[0].TargetPercent, value.TargetPercent);

                    // The stored association figure is the report's total for the tertial.
                    if (scope is null)
                    {
                        var inReport = report.Total.Indicators.Single(i => i.Code == series.Code);
                        Assert.True(inReport.Total == value.Total, $"{what} {series.Code}: report {inReport.Total}, trends {value.Total}");
                        Assert.Equal(value.Total!.Denominator == 0 ? null : (IndicatorStatus?)inReport.Status, value.Status);
                    }
                }
            }
        }

        // Worked out by hand (TrendFixture): T2 2026 for the association — new M3 M4, active W4 AW1 M1 M3 M4 AM0,
        // ended AW1 M3 M4; I1 v2 (target 70): M3 and AW1 of 2 → 100 %, met. Count-only C: 5 women, 7 men entered for T2.
        var association = await TrendsAsync(f.Association.Id, null);
        var t2 = association.Volumes[7];
        Assert.Equal((GenderCount.Of(0, 2), GenderCount.Of(2, 4), GenderCount.Of(1, 2), GenderCount.Of(5, 7)), (t2.New, t2.Active, t2.Ended, t2.CountOnly));
        var i1 = association.Indicators[0].Values[7];
        Assert.Equal((TrendFigureState.Stored, 2, 70m, 2, 2, IndicatorStatus.Met), (i1.State, i1.DefinitionVersion, i1.TargetPercent, i1.Total!.Numerator, i1.Total.Denominator, i1.Status));
        // 2024: the job starts from the year of the first exit (2025), so nothing is stored: said, not 0.
        Assert.All(association.Indicators, s => Assert.All(s.Values.Take(3), v => Assert.Equal(TrendFigureState.BeforeFirstExit, v.State)));

        // B in T1 2026: AW1 started, no exit → no stored row of B for I1, said as "no exits".
        var b = await TrendsAsync(f.Association.Id, f.B.Id);
        Assert.Equal(("Kartläggning anonym", RegistrationMode.AnonymousIndividual), (b.ScopeName, b.RegistrationMode));
        Assert.Equal(TrendFigureState.NoExits, b.Indicators[0].Values[6].State);
        Assert.Null(b.Volumes[7].CountOnly);
        // C is count-only: its entered figures per tertial, none for T3 2025.
        var c = await TrendsAsync(f.Association.Id, f.C.Id);
        Assert.Equal([GenderCount.Of(12, 8), null, null, null, GenderCount.Of(5, 7), null], c.Volumes.Skip(3).Select(v => v.CountOnly));
    }

    [Fact]
    public async Task Trends_TertialBegunAfterTheLastComputation_SaysNotComputedYet()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);
        var computedAt = new DateTimeOffset(2026, 8, 20, 0, 30, 0, TimeSpan.Zero);
        Factory.Clock.AdjustTime(computedAt);
        await Factory.SendAsync(new ComputeIndicatorsCommand(f.Association.Id), Ct);
        Factory.Clock.AdjustTime(InT3of2026);

        var trends = await TrendsAsync(f.Association.Id, null);

        Assert.Equal(computedAt.UtcDateTime, trends.IndicatorsComputedAtUtc);
        Assert.All(trends.Indicators, s => Assert.Equal(TrendFigureState.NotComputed, s.Values[^1].State));
        Assert.All(trends.Indicators, s => Assert.Null(s.Values[^1].Total));
        Assert.All(trends.Indicators, s => Assert.Equal(TrendFigureState.Stored, s.Values[^2].State));
        // The volumes are counted when asked: T3 2026 is there (M1 W4 AM0 still active).
        Assert.Equal(GenderCount.Of(1, 2), trends.Volumes[^1].Active);
    }

    [Fact]
    public async Task Trends_NeverComputed_NoFigureAndNoTime()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);

        var trends = await TrendsAsync(f.Association.Id, null);

        Assert.Null(trends.IndicatorsComputedAtUtc);
        Assert.All(trends.Indicators, s => Assert.All(s.Values, v => Assert.Null(v.Total)));
        Assert.All(trends.Indicators, s => Assert.Equal(TrendFigureState.NotComputed, s.Values[^1].State));
    }

    [Fact]
    public async Task Trends_InterventionOfAnotherAssociation_Returns404()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);
        var other = await Data.AssociationAsync();
        var intervention = await Data.InterventionAsync(other.Id, (await Data.ProviderAsync(other.Id)).Id);

        await (await Users.OfficeOf(f.Association.Id).GetAsync($"/api/v1/associations/{f.Association.Id}/trends?interventionId={intervention.Id}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Users.OfficeOf(f.Association.Id).GetAsync($"/api/v1/associations/{f.Association.Id}/trends?interventionId=0"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "interventionId");
    }

    [Fact]
    public async Task TrendsPage_ShowsTheApisFigures_AndSaysWhyATertialHasNone()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 8, 20, 0, 30, 0, TimeSpan.Zero));
        await Factory.SendAsync(new ComputeIndicatorsCommand(f.Association.Id), Ct);
        Factory.Clock.AdjustTime(InT3of2026);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, f.Association.Id, null);

        var html = WebUtility.HtmlDecode(await office.GetStringAsync("/kansli/utveckling", Ct));

        Assert.Contains("Beräknades senast <span id=\"beraknad\">2026-08-20 02:30</span>", html, StringComparison.Ordinal);
        // I1 T2 2026 (version 2, target 70 %): M3 and AW1 of 2; T3 2026 began after the computation. Percentages keep a no-break space.
        var i1 = Table(html, "indikator-i1-tabell");
        Assert.Contains("<th scope=\"row\">Mål</th>", i1, StringComparison.Ordinal);
        Assert.Contains("100,0\u00a0% (2 av 2)", i1, StringComparison.Ordinal);
        Assert.Contains("✓ uppfyllt", i1, StringComparison.Ordinal);
        Assert.Contains("– inte beräknad ännu", i1, StringComparison.Ordinal);
        Assert.Contains("– inga avslut registrerade då", i1, StringComparison.Ordinal);
        Assert.Contains("70\u00a0%", i1, StringComparison.Ordinal);
        Assert.Contains("Utveckling över tid – Hela förbundet", html, StringComparison.Ordinal);

        // One intervention: the count-only C shows its entered figures (12 + 8 in T1 2025) and no volume of individuals.
        var c = WebUtility.HtmlDecode(await office.GetStringAsync($"/kansli/utveckling?insats={f.C.Id}", Ct));
        Assert.Contains("Utveckling över tid – Utbildning handläggare", c, StringComparison.Ordinal);
        Assert.Contains("Antalsinsatser: registrerat antal", Table(c, "volymer-tabell"), StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">20</td>", Table(c, "volymer-tabell"), StringComparison.Ordinal);
    }

    private static string Table(string html, string id)
    {
        var start = html.IndexOf($"<table id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private async Task<TrendsResponse> TrendsAsync(long associationId, long? interventionId)
    {
        var path = $"/api/v1/associations/{associationId}/trends" + (interventionId is { } id ? $"?interventionId={id}" : string.Empty);
        var response = await (await Users.OfficeOf(associationId).GetAsync(path)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TrendsResponse>(ReportSnapshots.Json, Ct))!;
    }

    private async Task<TertialReport> ReportAsync(long associationId, int year, int tertial)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TertialReportBuilder>().BuildAsync(associationId, year, tertial, ReportMode.Period, Ct);
    }
}
