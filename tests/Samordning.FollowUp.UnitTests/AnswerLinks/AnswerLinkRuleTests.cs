using Samordning.FollowUp.Features.AnswerLinks;
using Samordning.FollowUp.UnitTests.Common.Security;

namespace Samordning.FollowUp.UnitTests.AnswerLinks;

/// <summary>The answer link's small rules: mobile numbers, masking, the contact's encryption, tokens and the SMS sender.</summary>
public sealed class AnswerLinkRuleTests
{
    [Theory]
    [InlineData("070-123 45 67", "+46701234567")]
    [InlineData("0701234567", "+46701234567")]
    [InlineData("+46 70 123 45 67", "+46701234567")]
    [InlineData("0046701234567", "+46701234567")]
    [InlineData("08-123 456 78", null)]
    [InlineData("12345", null)]
    [InlineData("", null)]
    public void Mobile_SwedishNumbers_AreNormalised_OthersRefused(string typed, string? expected) =>
        Assert.Equal(expected, ContactRules.NormaliseMobile(typed));

    [Fact]
    public void Contact_IsMasked_AndItsToStringNamesNoValue()
    {
        var contact = FollowUpContact.From("070-123 45 67", " anna@exempel.se ");
        Assert.Equal(("070-*** **67", "a***@exempel.se"), (contact.MaskedMobile, contact.MaskedEmail));
        Assert.DoesNotContain("123", contact.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("anna", new FollowUpContactInput(true, "0701234567", "anna@exempel.se").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Contact_EncryptedWithTheIdentityKeys_ReadsBack_AndIsNotPlainText()
    {
        var protector = IdentityKeys.CreateProtector(IdentityKeys.KeyA, IdentityKeys.KeyB);
        var contact = FollowUpContact.From("0701234567", "anna@exempel.se");
        var cipher = contact.Protect(protector);
        Assert.DoesNotContain("anna", System.Text.Encoding.UTF8.GetString(cipher), StringComparison.Ordinal);
        Assert.Equal(contact, FollowUpContact.Read(cipher, protector));
        Assert.NotEqual(cipher, contact.Protect(protector));
    }

    [Fact]
    public void Token_Is256RandomBits_UrlSafe_AndOnlyWellFormedOnesAreHashed()
    {
        var token = AnswerTokens.New();
        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, AnswerTokens.New());
        Assert.Equal(32, AnswerTokens.Hash(token)!.Length);
        Assert.Null(AnswerTokens.Hash(token[..42]));
        Assert.Null(AnswerTokens.Hash(token[..42] + "%"));
        Assert.Null(AnswerTokens.Hash(null));
    }

    [Fact]
    public void SmsSender_PerAssociation_ElseTheDefault()
    {
        var options = new SmsOptions { Senders = new() { ["7"] = "Sjuharad" } };
        Assert.Equal(("Sjuharad", "Uppfoljning"), (options.SenderFor(7), options.SenderFor(8)));
    }
}
