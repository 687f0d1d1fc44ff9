using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>
/// What the coach records at intake or later: whether the person agrees to be contacted for the
/// 12-month follow-up, and how (mobile and/or e-mail). Never printed: its ToString names no value.
/// </summary>
public record FollowUpContactInput(bool? Consent, string? Mobile, string? Email)
{
    public override string ToString() => nameof(FollowUpContactInput);
}

/// <summary>A person's contact, normalised: mobile as +46…, e-mail as typed (trimmed).</summary>
internal sealed record FollowUpContact(string? Mobile, string? Email)
{
    public bool IsEmpty => Mobile is null && Email is null;

    public override string ToString() => nameof(FollowUpContact);

    /// <summary>"070-*** **67": enough to recognise the number, not to call it.</summary>
    public string? MaskedMobile => Mobile is null ? null : string.Concat("0", Mobile.AsSpan(3, 2), "-*** **", Mobile.AsSpan(Mobile.Length - 2));

    /// <summary>"a***@example.se".</summary>
    public string? MaskedEmail => Email is null ? null : string.Concat(Email.AsSpan(0, 1), "***", Email.AsSpan(Email.IndexOf('@', StringComparison.Ordinal)));

    public static FollowUpContact From(string? mobile, string? email) =>
        new(ContactRules.NormaliseMobile(mobile), string.IsNullOrWhiteSpace(email) ? null : email.Trim());

    public byte[] Protect(IdentityProtector protector) =>
        protector.EncryptText(JsonSerializer.Serialize(new Stored(Mobile, Email)));

    public static FollowUpContact? Read(byte[]? cipher, IdentityProtector protector)
    {
        if (cipher is null)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<Stored>(protector.DecryptText(cipher))!;
        return new FollowUpContact(stored.M, stored.E);
    }

    private sealed record Stored(string? M, string? E);
}

internal static partial class ContactRules
{
    /// <summary>A Swedish mobile number (07X…, +467X…, 00467X…) as +467XXXXXXXX; null when empty or not one.</summary>
    public static string? NormaliseMobile(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var digits = NotDigit().Replace(typed.Trim().StartsWith('+') ? typed.Trim()[1..] : typed, string.Empty);
        if (digits.StartsWith("0046", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("46", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            digits = digits[1..];
        }

        return digits.Length == 9 && digits[0] == '7' ? string.Create(CultureInfo.InvariantCulture, $"+46{digits}") : null;
    }

    public static bool IsMobile(string? typed) => string.IsNullOrWhiteSpace(typed) || NormaliseMobile(typed) is not null;

    public static bool IsEmail(string? typed) =>
        string.IsNullOrWhiteSpace(typed) || (typed.Trim().Length <= 254 && Email().IsMatch(typed.Trim()));

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex NotDigit();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}

internal sealed class FollowUpContactInputValidator : AbstractValidator<FollowUpContactInput>
{
    public FollowUpContactInputValidator()
    {
        RuleFor(x => x.Consent).NotNull().WithMessage("Ange om personen vill bli kontaktad för uppföljningen.");
        RuleFor(x => x.Mobile).Must(ContactRules.IsMobile)
            .WithMessage("Ange ett svenskt mobilnummer, till exempel 070-123 45 67.");
        RuleFor(x => x.Email).Must(ContactRules.IsEmail)
            .WithMessage("Ange en e-postadress, till exempel namn@exempel.se.");
        RuleFor(x => x.Mobile).Must((input, mobile) => !string.IsNullOrWhiteSpace(mobile) || !string.IsNullOrWhiteSpace(input.Email))
            .When(x => x.Consent == true)
            .WithMessage("Ange mobilnummer eller e-postadress när personen vill bli kontaktad.");
        RuleFor(x => x.Mobile).Empty().When(x => x.Consent == false)
            .WithMessage("Mobilnummer sparas bara när personen vill bli kontaktad för uppföljningen.");
        RuleFor(x => x.Email).Empty().When(x => x.Consent == false)
            .WithMessage("E-postadress sparas bara när personen vill bli kontaktad för uppföljningen.");
    }
}
