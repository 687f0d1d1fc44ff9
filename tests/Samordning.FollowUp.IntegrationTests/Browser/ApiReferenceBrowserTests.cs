using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>The API reference on a closed network: everything it loads comes from the service itself.</summary>
public sealed class ApiReferenceBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Scalar_LoadsNothingFromOutsideAndLogsNoError()
    {
        var page = await SignInAsync(UserRole.SystemAdmin, null, null);
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var outside = new System.Collections.Concurrent.ConcurrentBag<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Host != Fixture.BaseAddress.Host)
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync("/scalar/");
        // The reference has read the service's document: an operation of it is listed.
        await Assertions.Expect(page.GetByText("Show Schema").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(outside.IsEmpty, "Requests outside the service:\n" + string.Join("\n", outside.Distinct()));
        Assert.True(errors.IsEmpty, "Console errors:\n" + string.Join("\n", errors.Distinct()));

        // The favicon the browser asks for is the service's own.
        var favicon = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, favicon.Status);
    }
}
