using System.Net;
using System.Text;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

public sealed record ProviderParticipationDto(
    long Id, string Reference, long InterventionId, string InterventionName, string RegistrationMode, string? PersonalIdentityNumber,
    string Gender, int? BirthYear, DateOnly StartDate, DateOnly? EndDate, string? ExitReason, string? FollowUpStatus, DateOnly? FollowUpDueDate);

/// <summary>
/// "Mina deltagare" (GET /participations): the provider's participations across its
/// interventions, filtered and paged by the database, never another provider's; and its export,
/// masked by default, whole numbers only when asked, every export audited.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Participations")]
public sealed class ProviderParticipationListTests(ApiFactory factory) : ApiTest(factory)
{
    private sealed record World(long First, long Second, long A, long B, long C, long D, long Foreign);

    /// <summary>
    /// First intervention: A (woman 10) 2026-02-02 → 2026-05-29 (follow-up Upcoming), B (man 10) 2026-04-06 open.
    /// Second intervention: C (woman 11) 2026-03-02 open, D anonymous man 2026-09-01 → 2026-10-30 (no follow-up).
    /// Another provider: one participation, never listed.
    /// </summary>
    private async Task<World> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var first = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var second = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        var identifiedSecond = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var a = await Data.IdentifiedExitAsync(first.Id, TestPersonnummer.Woman(10), new DateOnly(2026, 2, 2), new DateOnly(2026, 5, 29));
        var b = await Data.ParticipationAsync(first.Id, TestData.Identified(TestPersonnummer.Man(10), new DateOnly(2026, 4, 6)));
        var c = await Data.ParticipationAsync(identifiedSecond.Id, TestData.Identified(TestPersonnummer.Woman(11), new DateOnly(2026, 3, 2)));
        var d = await Data.ParticipationAsync(second.Id, TestData.Anonymous("Man", 1980, new DateOnly(2026, 9, 1)));
        await Data.ExitAsync(d.Id, TestData.Exit(new DateOnly(2026, 10, 30)));
        var otherProvider = await Data.ProviderAsync(association.Id, "Annan utförare");
        var foreign = await Data.InterventionAsync(association.Id, otherProvider.Id, Mode.Identified);
        var f = await Data.ParticipationAsync(foreign.Id, TestData.Identified(TestPersonnummer.Woman(12), new DateOnly(2026, 3, 3)));
        return new World(first.Id, identifiedSecond.Id, a.Id, b.Id, c.Id, d.Id, f.Id);
    }

    private async Task<PageDto<ProviderParticipationDto>> ListAsync(string query = "") =>
        await (await Coach.GetAsync($"/api/v1/participations{query}")).ShouldBeAsync<PageDto<ProviderParticipationDto>>(HttpStatusCode.OK);

    [Fact]
    public async Task List_AcrossInterventions_NewestStartFirst_OnlyTheOwnProvider()
    {
        var w = await ArrangeAsync();

        var all = await ListAsync();

        Assert.Equal([w.D, w.B, w.C, w.A], all.Items.Select(p => p.Id));
        Assert.Equal(4, all.TotalCount);
        var a = all.Items.Single(p => p.Id == w.A);
        Assert.Equal((TestPersonnummer.Masked(TestPersonnummer.Woman(10)), "Upcoming", new DateOnly(2027, 5, 29)), (a.PersonalIdentityNumber, a.FollowUpStatus, a.FollowUpDueDate));
        Assert.Null(all.Items.Single(p => p.Id == w.D).PersonalIdentityNumber);
    }

    [Theory]
    [InlineData("?status=active", "B C")]
    [InlineData("?status=ended", "D A")]
    [InlineData("?interventionId={first}", "B A")]
    [InlineData("?startedFrom=2026-03-01&startedTo=2026-04-30", "B C")]
    [InlineData("?endedFrom=2026-05-01&endedTo=2026-06-30", "A")]
    [InlineData("?followUpStatus=Upcoming", "A")]
    [InlineData("?followUpStatus=None", "D B C")]
    [InlineData("?status=active&interventionId={second}", "C")]
    public async Task List_Filters_AreAppliedByTheDatabase(string query, string expected)
    {
        var w = await ArrangeAsync();
        var names = new Dictionary<long, string> { [w.A] = "A", [w.B] = "B", [w.C] = "C", [w.D] = "D" };

        var page = await ListAsync(query.Replace("{first}", w.First.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{second}", w.Second.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(expected, string.Join(' ', page.Items.Select(p => names[p.Id])));
        Assert.Equal(expected.Split(' ').Length, page.TotalCount);
    }

    [Fact]
    public async Task List_Paged_GivesTheTotalOnEveryPage()
    {
        var w = await ArrangeAsync();

        var first = await ListAsync("?pageSize=3");
        var second = await ListAsync("?pageSize=3&page=2");
        var past = await ListAsync("?pageSize=3&page=9");

        Assert.Equal([w.D, w.B, w.C], first.Items.Select(p => p.Id));
        Assert.Equal([w.A], second.Items.Select(p => p.Id));
        Assert.Empty(past.Items);
        Assert.Equal((4, 4, 4), (first.TotalCount, second.TotalCount, past.TotalCount));
    }

    [Theory]
    [InlineData("?startedFrom=2026-05-01&startedTo=2026-04-01", "startedTo")]
    [InlineData("?endedFrom=2026-05-01&endedTo=2026-04-01", "endedTo")]
    [InlineData("?followUpStatus=Soon", "followUpStatus")]
    [InlineData("?status=open", "status")]
    [InlineData("?pageSize=500", "pageSize")]
    public async Task List_InvalidFilter_Returns400NamingIt(string query, string field)
    {
        await ArrangeAsync();

        var response = await Coach.GetAsync($"/api/v1/participations{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Export_MaskedByDefault_WholeNumbersOnlyWhenAsked_BothAudited()
    {
        await ArrangeAsync();
        var woman = TestPersonnummer.Woman(10);

        var masked = await (await Coach.GetAsync("/api/v1/participations/export?format=csv&status=ended")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var maskedText = Encoding.UTF8.GetString(await masked.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF');
        var full = await (await Coach.GetAsync("/api/v1/participations/export?format=xlsx&identity=full")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var fullFile = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await full.Content.ReadAsByteArrayAsync(Ct)), false);
        var fullCells = XlsxReader.Sheet(fullFile, "Deltagare").Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .Select(c => XlsxReader.Text(fullFile, c)).ToList();

        var lines = maskedText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Deltagare;Personnummer;Kön;Födelseår;Insats;Startdatum;Slutdatum;Avslutsorsak;Uppföljning;Uppföljning senast", lines[0]);
        Assert.Equal(3, lines.Length); // the heading and the two ended (A, D)
        Assert.Contains(TestPersonnummer.Masked(woman), maskedText, StringComparison.Ordinal);
        Assert.Empty(PersonnummerForms.FoundIn(maskedText, [woman, TestPersonnummer.Man(10), TestPersonnummer.Woman(11)]));
        Assert.Contains($"{woman[..8]}-{woman[8..]}", fullCells);
        Assert.Contains("attachment", full.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.EndsWith("-hela-personnummer.xlsx", full.Content.Headers.ContentDisposition?.FileNameStar ?? full.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        var audit = (await Office.AuditAsync("?action=Export")).Items.Select(a => a.Detail).ToList();
        Assert.Contains("Deltagarlista som .csv, 2 rader, maskerade personnummer", audit);
        Assert.Contains("Deltagarlista som .xlsx, 4 rader, med hela personnummer", audit);
    }

    [Fact]
    public async Task Export_UnknownFormatOrIdentityChoice_Returns400()
    {
        await ArrangeAsync();

        await (await Coach.GetAsync("/api/v1/participations/export?format=pdf")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "format");
        await (await Coach.GetAsync("/api/v1/participations/export?identity=yes")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "identity");
    }
}
