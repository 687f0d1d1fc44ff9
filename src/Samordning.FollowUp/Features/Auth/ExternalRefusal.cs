using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.Features.Auth;

/// <summary>Why a sign-in through the organisation's identity provider was refused.</summary>
public enum ExternalRefusal
{
    /// <summary>The exchange with the provider failed: wrong issuer or audience, expired token, a state used twice, an error at the provider.</summary>
    Failed,
    NoEmail,
    NoRole,
    SeveralRoles,
    Association,
    Provider,
    Scope,

    /// <summary>A local account with the same e-mail exists and has not been linked by an administrator.</summary>
    LocalAccount,
    Locked,
}

/// <summary>The refusals' words, for the page /logga-in/extern-nekad (by its address) and the audit log.</summary>
public static class ExternalRefusals
{
    private static readonly Dictionary<ExternalRefusal, string> Slugs = new()
    {
        [ExternalRefusal.Failed] = "misslyckades",
        [ExternalRefusal.NoEmail] = "e-post-saknas",
        [ExternalRefusal.NoRole] = "roll-saknas",
        [ExternalRefusal.SeveralRoles] = "flera-roller",
        [ExternalRefusal.Association] = "forbund",
        [ExternalRefusal.Provider] = "utforare",
        [ExternalRefusal.Scope] = "behorighet",
        [ExternalRefusal.LocalAccount] = "koppla-konto",
        [ExternalRefusal.Locked] = "last-konto",
    };

    /// <summary>The refusal page of a reason.</summary>
    public static string PageOf(ExternalRefusal reason) => $"/logga-in/extern-nekad?orsak={Slugs[reason]}";

    /// <summary>The reason named in the page's address; an unknown one is a failed sign-in.</summary>
    public static ExternalRefusal Parse(string? slug) =>
        Slugs.Where(s => s.Value == slug).Select(s => (ExternalRefusal?)s.Key).FirstOrDefault() ?? ExternalRefusal.Failed;

    /// <summary>What the person is told, in plain Swedish, naming the missing piece.</summary>
    public static string Message(ExternalRefusal reason, OpenIdConnectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return reason switch
        {
            ExternalRefusal.NoEmail =>
                "Ditt konto hos organisationen saknar e-postadress. Be den som sköter organisationens konton att lägga till din e-postadress i kontot.",
            ExternalRefusal.NoRole =>
                $"Ditt konto hos organisationen ger dig ingen roll i Samordning Uppföljning. Kontot behöver exakt en av tjänstens roller (systemadministratör, förbundets kansli, deltagaransvarig eller styrelseledamot) i uppgiften ”{settings.RoleClaim}”. Be den som sköter organisationens konton om rätt roll.",
            ExternalRefusal.SeveralRoles =>
                $"Ditt konto hos organisationen ger dig flera roller i Samordning Uppföljning (uppgiften ”{settings.RoleClaim}”). Här har varje konto exakt en roll. Be den som sköter organisationens konton att ta bort de roller du inte ska ha.",
            ExternalRefusal.Association =>
                $"Ditt konto hos organisationen anger inget förbund som finns i Samordning Uppföljning (uppgiften ”{settings.AssociationClaim}”). Förbundets kansli och styrelseledamöter behöver sitt förbunds nummer. Be den som sköter organisationens konton att rätta uppgiften.",
            ExternalRefusal.Provider =>
                $"Ditt konto hos organisationen anger ingen utförare som finns i Samordning Uppföljning och tar emot deltagaransvariga (uppgiften ”{settings.ProviderClaim}”). En deltagaransvarig behöver sin utförares nummer. Be den som sköter organisationens konton att rätta uppgiften.",
            ExternalRefusal.Scope =>
                $"Ditt konto hos organisationen anger en roll och en organisation som inte hör ihop (uppgifterna ”{settings.RoleClaim}”, ”{settings.AssociationClaim}” och ”{settings.ProviderClaim}”). En systemadministratör hör inte till något förbund, och bara en deltagaransvarig hör till en utförare. Be den som sköter organisationens konton att rätta uppgifterna.",
            ExternalRefusal.LocalAccount =>
                "Det finns redan ett konto med din e-postadress i Samordning Uppföljning. Det kopplas inte ihop med ditt konto hos organisationen av sig självt: en administratör (förbundets kansli eller systemadministratören) måste först koppla kontot. Logga in med ditt lösenord tills dess.",
            ExternalRefusal.Locked =>
                "Ditt konto i Samordning Uppföljning är låst. Kontakta förbundets kansli.",
            _ =>
                "Inloggningen med organisationens konto kunde inte slutföras. Svaret från organisationens inloggningstjänst gick inte att godta (det kan ha tagit för lång tid, eller så användes samma svar två gånger). Försök igen från början.",
        };
    }
}
