using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Indicators;

/// <summary>Editing a definition creates a new version; figures of periods before it keep the old one.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Indicators")]
public sealed class IndicatorDefinitionVersionTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>I1 v2: "available for work" (JobSeeking) also counts, target 70 %, from 2025-05-01.</summary>
    private static JsonObject I1Version2() => new()
    {
        ["name"] = "Egen försörjning eller arbetssökande vid avslut",
        ["measurementPoint"] = "AtExit",
        ["orientation"] = "IndividualFocused",
        ["categories"] = new JsonArray(),
        ["registrationModes"] = new JsonArray("Identified", "AnonymousIndividual"),
        ["excludedExitReasons"] = new JsonArray("RegisteredInError", "Deceased"),
        ["successRule"] = "OccupationIn",
        ["successOccupations"] = new JsonArray("Employed", "SubsidisedEmployment", "Studies", "JobSeeking"),
        ["targetPercent"] = 70,
        ["validFrom"] = "2025-05-01",
    };

    private static IndicatorDto I1(IndicatorsDto figures) => figures.Indicators.Single(i => i.Code == "I1");

    private static void AssertFigures(IndicatorDto indicator, Fig woman, Fig man, Fig total)
    {
        Assert.Equal(("Woman", woman), ("Woman", Fig.Of(indicator.Woman)));
        Assert.Equal(("Man", man), ("Man", Fig.Of(indicator.Man)));
        Assert.Equal(("Total", total), ("Total", Fig.Of(indicator.Total)));
    }

    [Fact]
    public async Task DefinitionEditedMidYear_OldPeriodsKeepVersion1_LaterPeriodsUseVersion2()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);
        await Factory.SendAsync(new ComputeIndicatorsCommand(fixture.AssociationId), Ct);
        var t1Before = I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, 1, "Period"));
        Assert.Equal(1, I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year")).DefinitionVersion);

        var revised = await (await Office.PutAsync($"/api/v1/associations/{fixture.AssociationId}/indicator-definitions/I1", I1Version2()))
            .ShouldBeAsync<IndicatorDefinitionDto>(HttpStatusCode.OK);
        Assert.Equal((2, new DateOnly(2025, 5, 1)), (revised.Version, revised.ValidFrom));
        var definitions = await (await Office.GetAsync($"/api/v1/associations/{fixture.AssociationId}/indicator-definitions"))
            .ShouldBeAsync<List<IndicatorDefinitionDto>>(HttpStatusCode.OK);
        Assert.Equal([1, 2], definitions.Where(d => d.Code == "I1").Select(d => d.Version));

        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await Factory.SendAsync(new ComputeIndicatorsCommand(fixture.AssociationId), Ct);

        // T1 2025 ends 2025-04-30, before v2 is valid: version 1 and the same figures as before.
        var t1 = I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, 1, "Period"));
        Assert.Equal((1, 35m, "Egen försörjning vid avslut"), (t1.DefinitionVersion, t1.TargetPercent, t1.Name));
        Assert.Equal((Fig.Of(t1Before.Woman), Fig.Of(t1Before.Man), Fig.Of(t1Before.Total)), (Fig.Of(t1.Woman), Fig.Of(t1.Man), Fig.Of(t1.Total)));
        AssertFigures(t1,
            woman: new Fig(2, 3, 1, 66.7, Met: true),
            man: new Fig(1, 1, 0, 100.0, Met: null, TooFew: true),
            total: new Fig(3, 4, 1, 75.0, Met: true));
        Assert.Equal(1, I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, 1, "YearToDate")).DefinitionVersion);

        // T2 2025 year to date, version 2 (JobSeeking succeeds, target 70), exits 2025-01-01 – 2025-08-31:
        //   women b1 Employed ✓ b2 Unknown ✗ n1 Employed ✓ b9 Employed ✓ b7 SickLeave ✗ = 3/5 (60 < 70)
        //   men b3 SubsidisedEmployment ✓ b6 Studies ✓ n3 JobSeeking ✓ (✗ in v1) = 3/3
        var t2 = I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, 2, "YearToDate"));
        Assert.Equal((2, 70m), (t2.DefinitionVersion, t2.TargetPercent));
        AssertFigures(t2,
            woman: new Fig(3, 5, 1, 60.0, Met: false),
            man: new Fig(3, 3, 0, 100.0, Met: true),
            total: new Fig(6, 8, 1, 75.0, Met: true));

        // T2 2025 alone, exits 2025-05-01 – 2025-08-31: women b9 ✓ b7 ✗; men b6 ✓ n3 ✓.
        var t2Period = I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, 2, "Period"));
        Assert.Equal(2, t2Period.DefinitionVersion);
        AssertFigures(t2Period,
            woman: new Fig(1, 2, 0, 50.0, Met: false),
            man: new Fig(2, 2, 0, 100.0, Met: true),
            total: new Fig(3, 4, 0, 75.0, Met: true));

        // Year 2025, version 2: T2 year to date plus b8 M Employed ✓.
        var year = I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year"));
        Assert.Equal((2, 70m, "Egen försörjning eller arbetssökande vid avslut"), (year.DefinitionVersion, year.TargetPercent, year.Name));
        AssertFigures(year,
            woman: new Fig(3, 5, 1, 60.0, Met: false),
            man: new Fig(4, 4, 0, 100.0, Met: true),
            total: new Fig(7, 9, 1, 77.8, Met: true));

        // Year 2024 ended before v2: still version 1, where a2 and a6 (JobSeeking) do not succeed.
        var year2024 = I1(await Data.IndicatorsAsync(fixture.AssociationId, 2024, null, "Year"));
        Assert.Equal(1, year2024.DefinitionVersion);
        AssertFigures(year2024,
            woman: new Fig(3, 4, 0, 75.0, Met: true),
            man: new Fig(3, 4, 0, 75.0, Met: true),
            total: new Fig(6, 8, 0, 75.0, Met: true));

        // The other indicators were not edited.
        var others = await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year");
        Assert.All(others.Indicators.Where(i => i.Code != "I1"), i => Assert.Equal(1, i.DefinitionVersion));
    }

    [Fact]
    public async Task Preview_ReturnsTheEightEndedTertials_AndSavesNothing()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);
        await Factory.SendAsync(new ComputeIndicatorsCommand(fixture.AssociationId), Ct);
        var resultsBefore = await Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.IndicatorResults, Ct));

        var response = await Office.PostAsync($"/api/v1/associations/{fixture.AssociationId}/indicator-definitions/I1/preview", I1Version2());

        var preview = await response.ShouldBeAsync<PreviewDto>(HttpStatusCode.OK);
        // Today 2026-11-23 is in T3 2026: the ended tertials are T1 2024 – T2 2026, oldest first.
        Assert.Equal(
            [(2024, 1), (2024, 2), (2024, 3), (2025, 1), (2025, 2), (2025, 3), (2026, 1), (2026, 2)],
            preview.Tertials.Select(t => (t.Year, t.Tertial)));
        // T3 2024 with JobSeeking counted: a9 W SubsidisedEmployment ✓; a6 M JobSeeking ✓ (✗ in v1).
        var t3of2024 = preview.Tertials[2];
        Assert.Equal((new DateOnly(2024, 9, 1), new DateOnly(2024, 12, 31)), (t3of2024.ExitsFrom, t3of2024.ExitsTo));
        Assert.Equal(new Fig(1, 1, 0, 100.0, Met: null, TooFew: true), Fig.Of(t3of2024.Woman));
        Assert.Equal(new Fig(1, 1, 0, 100.0, Met: null, TooFew: true), Fig.Of(t3of2024.Man));
        Assert.Equal(new Fig(2, 2, 0, 100.0, Met: true), Fig.Of(t3of2024.Total));
        // T2 2025: women b9 ✓ b7 ✗; men b6 ✓ n3 JobSeeking ✓.
        Assert.Equal(new Fig(3, 4, 0, 75.0, Met: true), Fig.Of(preview.Tertials[4].Total));

        var definitions = await (await Office.GetAsync($"/api/v1/associations/{fixture.AssociationId}/indicator-definitions"))
            .ShouldBeAsync<List<IndicatorDefinitionDto>>(HttpStatusCode.OK);
        Assert.Equal([1], definitions.Where(d => d.Code == "I1").Select(d => d.Version));
        Assert.Equal(resultsBefore, await Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.IndicatorResults, Ct)));
        Assert.Equal(1, I1(await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year")).DefinitionVersion);
    }

    [Fact]
    public async Task DefinitionRevised_WithValidFromBeforeTheCurrentVersion_Returns400ValidFrom()
    {
        var association = await Data.AssociationAsync(smallNumberThreshold: 0);
        var v2 = I1Version2();
        await (await Office.PutAsync($"/api/v1/associations/{association.Id}/indicator-definitions/I1", v2)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var earlier = I1Version2();
        earlier["validFrom"] = "2025-04-30";
        var response = await Office.PutAsync($"/api/v1/associations/{association.Id}/indicator-definitions/I1", earlier);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validFrom");
    }
}
