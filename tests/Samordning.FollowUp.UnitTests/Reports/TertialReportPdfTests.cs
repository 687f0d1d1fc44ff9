using System.Globalization;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.UnitTests.Reports;

public sealed class TertialReportPdfTests
{
    private static PdfReadBack Render(TertialReport report, string sample) =>
        new(Files.Write(s => TertialReportPdf.Write(ReportFixture.Present(report), s), sample));

    [Fact]
    public void Pdf_FirstPageHasTheTitleBlock_EveryPageItsNumber()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport.pdf");
        var first = pdf.Pages[0];
        Assert.Contains(ReportFixture.Association, first);
        Assert.Contains("Tertialrapport T2 2025", first);
        Assert.Contains("Period 2025-01-01 – 2025-08-31", first);
        Assert.Contains("Redovisning: Hittills i år", first);
        Assert.Contains("Ej fastställd (utkast)", first);
        Assert.True(pdf.Pages.Count > 1);
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains($"Sida {i + 1} av {pdf.Pages.Count}", pdf.Pages[i]);
        }
    }

    [Fact]
    public void Pdf_AdoptedReport_SaysWhenAndByWhom()
    {
        using var pdf = Render(ReportFixture.Create(adopted: true), "tertialrapport-faststalld.pdf");
        Assert.Contains($"Fastställd 2025-09-20 av {ReportFixture.AdoptedBy}", pdf.Pages[0]);
        Assert.DoesNotContain("Ej fastställd", pdf.AllText);
    }

    [Fact]
    public void Pdf_NamesAndFigures_KeepSwedishLettersAndSwedishFormat()
    {
        var report = ReportFixture.Create();
        using var pdf = Render(report, "tertialrapport.pdf");
        Assert.Contains("Kartläggning Ängelholm – arbetsförmåga", pdf.AllText);
        Assert.Contains("Samverkansdag för handläggare i Åstorp", pdf.AllText);
        Assert.Contains("Strukturövergripande insatser", pdf.AllText);

        // 4 595 000 kr: a space between thousands, read back as a plain space.
        Assert.Equal(4_595_000, report.Total.BudgetSek);
        Assert.Contains("budget 4 595 000 kr", pdf.Pages[0]);
        Assert.DoesNotContain("4,595,000", pdf.AllText);
        Assert.DoesNotContain('\u00A0', pdf.AllText);
        Assert.DoesNotContain('\u202F', pdf.AllText);

        // A rate with a decimal comma, and its numerator and denominator.
        var i1 = report.Total.Indicators.Single(i => i.Code == "I1").Total;
        var rate = i1.Rate!.Value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');
        Assert.Contains(",", rate);
        Assert.Contains($"{rate} % ({i1.Numerator} av {i1.Denominator})", pdf.Pages[0]);
    }

    [Fact]
    public void Pdf_Indicators_JudgedInWordsNotOnlyInColour()
    {
        var report = ReportFixture.Create();
        using var pdf = Render(report, "tertialrapport.pdf");
        var statuses = report.Total.Indicators.Select(i => i.Status).ToList();
        Assert.Contains(IndicatorStatus.Met, statuses);
        Assert.Contains(IndicatorStatus.NotMet, statuses);
        Assert.Contains("uppfyllt", pdf.Pages[0]);
        Assert.Contains("✗ ej uppfyllt", pdf.Pages[0]);
        Assert.Contains("✓ uppfyllt", pdf.Pages[0]);
        Assert.Contains("mål 35 %", pdf.Pages[0]);
        Assert.Contains("I2 Egen försörjning 12 månader efter", pdf.Pages[0]);
        Assert.Contains("Version 1 · 12 månader efter avslut", pdf.Pages[0]);
    }

    [Fact]
    public void Pdf_ProvidersNotes_PrintedUnderTheirHeadings()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport.pdf");
        var notes = pdf.Pages.Single(p => p.Contains("Utförarnas kommentarer", StringComparison.Ordinal));
        Assert.Contains("Jobbspår Hässleholm", notes);
        Assert.Contains("Inflöde och kö", notes);
        Assert.Contains("Vad har fungerat", notes);
        Assert.Contains("Avvikelser och risker Ingen uppgift.", notes);
        Assert.Contains("Kön har minskat från tolv till fem personer", notes);
    }

    [Fact]
    public void Pdf_ManyInterventions_RunOverSeveralPagesWithRepeatedHeaders()
    {
        var small = ReportFixture.Create();
        var large = ReportFixture.Create(extraInterventions: 70);
        using var smallPdf = Render(small, "tertialrapport.pdf");
        using var pdf = Render(large, "tertialrapport-lang.pdf");
        Assert.True(pdf.Pages.Count >= smallPdf.Pages.Count + 4, $"{pdf.Pages.Count} pages");
        Assert.Contains("(forts.)", pdf.AllText);
        Assert.All(ReportFixture.Interventions(large), r => Assert.Contains(r.Name, pdf.AllText));
        Assert.Contains($"Sida {pdf.Pages.Count} av {pdf.Pages.Count}", pdf.Pages[^1]);
    }

    [Fact]
    public void Pdf_Fonts_AreTheEmbeddedDejaVuNotTheMachines()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport.pdf");
        Assert.NotEmpty(pdf.FontNames);
        Assert.All(pdf.FontNames, f => Assert.Contains("DejaVuSansCondensed", f, StringComparison.Ordinal));
    }
}
