namespace Samordning.FollowUp.Api.Ui;

/// <summary>"Sida 2 av 5" with links to the page before and after, for a list paged by the database (Pages/Shared/_Pager).</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link);
