using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>The printable report, read back with PdfPig; expected words and figures written out by hand from <see cref="ReportFixture"/>.</summary>
public sealed class TertialReportPdfTests
{
    private static PdfReadBack Render(TertialReport report, string sample, ReportAudience audience = ReportAudience.Office) =>
        new(Files.Write(s => TertialReportPdf.Write(ReportFixture.Present(report, audience), s), sample));

    [Fact]
    public void Pdf_FirstPageHasTheTitleBlock_EveryPageItsNumber()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        var first = pdf.Pages[0];
        Assert.Contains("UTKAST – SIFFRORNA KAN ÄNDRAS TILLS TERTIALEN FASTSTÄLLS", first);
        Assert.Contains("INNEHÅLLER EXAKTA TAL – LÄMNAS INTE UT", first);
        Assert.Contains(ReportFixture.Association, first);
        Assert.Contains("Tertialrapport T2 2025", first);
        Assert.Contains("Period 2025-01-01 – 2025-08-31", first);
        Assert.Contains("Redovisning: Hittills i år", first);
        Assert.Contains("Status: Utkast – ej fastställd", first);
        Assert.Contains("Framtagen 2025-09-05 08:30", first);
        Assert.True(pdf.Pages.Count > 1);
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains($"Sida {i + 1} av {pdf.Pages.Count}", pdf.Pages[i]);
            // The office's exact file says on every page that it is not to be handed out.
            Assert.Contains("Innehåller exakta tal – lämnas inte ut", pdf.Pages[i]);
        }
    }

    [Fact]
    public void Pdf_Draft_HasUtkastAcrossEveryPage_AnAdoptedReportNone()
    {
        using var draft = Render(ReportFixture.Create(), "tertialrapport.pdf", ReportAudience.Board);
        Assert.All(draft.LargeLetters, letters => Assert.Equal("AKSTTU", letters));

        using var adopted = Render(ReportFixture.Create(adopted: true), "tertialrapport-faststalld.pdf", ReportAudience.Board);
        Assert.All(adopted.LargeLetters, letters => Assert.Equal(string.Empty, letters));
        Assert.DoesNotContain("UTKAST", adopted.AllText);
        Assert.DoesNotContain("Utkast", adopted.AllText);
        Assert.DoesNotContain("exakta tal", adopted.AllText);
    }

    [Fact]
    public void Pdf_AdoptedReport_SaysWhenAndByWhom()
    {
        using var pdf = Render(ReportFixture.Create(adopted: true), "tertialrapport-faststalld.pdf", ReportAudience.Board);
        Assert.Contains($"Status: Fastställd 2025-09-20 av {ReportFixture.AdoptedBy}", pdf.Pages[0]);
        Assert.DoesNotContain("Ej fastställd", pdf.AllText);
    }

    [Fact]
    public void Pdf_FirstPage_AnswersOnTargetAgainstPlanAndWhatItCost()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        var first = pdf.Pages[0];
        Assert.Contains("Nyckeltal", first);
        // 81 active of 20 + 17 + 27 + 8 = 72 planned (each row's plan in whole people): 112,5 %.
        Assert.Contains("112,5 % av plan", first);
        Assert.Contains("81 aktiva av 72 planerade", first);
        Assert.Contains("▲ över plan", first);
        Assert.Contains("65,6 % av årsplan", first);
        Assert.Contains("118 i år av 180 planerade", first);
        Assert.Contains("▼ under plan", first);
        Assert.Contains("3 209 350 kr", first);
        Assert.Contains("16 127 kr", first);
        Assert.Contains("199 deltagare i år", first);
    }

    [Fact]
    public void Pdf_NamesAndFigures_KeepSwedishLettersAndSwedishFormat()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        Assert.Contains("Kartläggning Ängelholm – arbetsförmåga", pdf.AllText);
        Assert.Contains("Samverkansdag för handläggare i Åstorp", pdf.AllText);
        Assert.Contains("Strukturövergripande insatser", pdf.AllText);

        // 4 595 000 kr: a space between thousands, read back as a plain space.
        Assert.Contains("budget 4 595 000 kr", pdf.Pages[0]);
        Assert.DoesNotContain("4,595,000", pdf.AllText);
        Assert.DoesNotContain('\u00A0', pdf.AllText);
        Assert.DoesNotContain('\u202F', pdf.AllText);

        // I1: 9 of 22 = 40,9 %, with a decimal comma.
        Assert.Contains("40,9 % (9 av 22)", pdf.Pages[0]);
        Assert.Contains("Kvinnor 50,0 % (6 av 12)", pdf.Pages[0]);
    }

    [Fact]
    public void Pdf_Indicators_JudgedInWordsNotOnlyInColour()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        Assert.Contains("✗ ej uppfyllt", pdf.Pages[0]);
        Assert.Contains("✓ uppfyllt", pdf.Pages[0]);
        Assert.Contains("mål 35 %", pdf.Pages[0]);
        Assert.Contains("I2 Egen försörjning 12 månader efter", pdf.Pages[0]);
        // The indicators' details follow the key figures, on the first page or the next.
        Assert.Contains("Version 1 · 12 månader efter avslut", pdf.Pages[0] + pdf.Pages[1]);
    }

    [Fact]
    public void Pdf_EveryPart_UnderItsPlainSwedishHeading()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        foreach (var heading in new[]
        {
            "Deltagare mot plan per insats", "Kvinnor och män per insats", "Indikatorer mot mål", "Avslutsorsaker", "Sysselsättning vid avslut",
            "Budget och kostnad per deltagare", "Avslut per insats", "Datakvalitet per utförare", "Utförarnas kommentarer",
            "Anvisningar och kö per insats", "Anvisningar per insats och anvisande part", "Mottagna anvisningar per anvisande part", "Avböjda anvisningar per orsak",
        })
        {
            Assert.Contains(heading, pdf.AllText);
        }

        Assert.DoesNotContain("Täljare", pdf.AllText);
        Assert.DoesNotContain("Nämnare", pdf.AllText);
        Assert.Contains("Planenligt avslut 18 81,8", pdf.AllText);
        Assert.Contains("Arbete utan stöd 10 45,5", pdf.AllText);
    }

    [Fact]
    public void Pdf_ProvidersNotes_PrintedUnderTheirHeadings()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        var notes = pdf.Pages.Single(p => p.Contains("Utförarnas kommentarer", StringComparison.Ordinal));
        Assert.Contains("Jobbspår Hässleholm", notes);
        Assert.Contains("Hässleholms kommun · uppdaterad 2025-09-01", notes);
        Assert.Contains("Inflöde och kö", notes);
        Assert.Contains("Vad har fungerat", notes);
        Assert.Contains("Avvikelser och risker Ingen uppgift.", notes);
        Assert.Contains("Mjuka värden", notes);
        Assert.Contains("Flera deltagare beskriver bättre sömn", notes);
        Assert.Contains("Kön har minskat från tolv till fem personer", notes);
        Assert.Contains("Utan kommentar: Kartläggning Ängelholm – arbetsförmåga, Steg för steg – Höör,", notes);
    }

    [Fact]
    public void Pdf_ManyInterventions_RunOverSeveralPagesWithRepeatedHeaders()
    {
        var large = ReportFixture.Create(extraInterventions: 70);
        using var smallPdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        using var pdf = Render(large, "tertialrapport-lang.pdf");
        Assert.True(pdf.Pages.Count >= smallPdf.Pages.Count + 4, $"{pdf.Pages.Count} pages");
        Assert.Contains("(forts.)", pdf.AllText);
        Assert.All(ReportFixture.Interventions(large), r => Assert.Contains(r.Name, pdf.AllText));
        Assert.Contains($"Sida {pdf.Pages.Count} av {pdf.Pages.Count}", pdf.Pages[^1]);
    }

    [Fact]
    public void Pdf_Fonts_AreTheEmbeddedDejaVuNotTheMachines()
    {
        using var pdf = Render(ReportFixture.Create(), "tertialrapport-exakta-tal.pdf");
        Assert.NotEmpty(pdf.FontNames);
        Assert.All(pdf.FontNames, f => Assert.Contains("DejaVuSansCondensed", f, StringComparison.Ordinal));
    }
}
