namespace Samordning.FollowUp.Api.Pages.Economy;

/// <summary>What <c>_AmountField</c> draws: the field's id and form name, its label and value, and its messages.</summary>
public sealed record AmountField(string Id, string Name, string Label, string? Value, IEnumerable<string> Errors, string? Hint = null, string Type = "text");
