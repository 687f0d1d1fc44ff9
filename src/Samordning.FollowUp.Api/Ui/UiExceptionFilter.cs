using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// A handler's "not found" and "not allowed" become the UI's Swedish status pages (404 is also what
/// a user sees for something outside their scope, exactly as in the API); "not signed in" goes to
/// the sign-in page.
/// </summary>
internal sealed class UiExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        IActionResult? result = executed.Exception switch
        {
            NotFoundException => new StatusCodeResult(StatusCodes.Status404NotFound),
            ForbiddenException => new StatusCodeResult(StatusCodes.Status403Forbidden),
            UnauthenticatedException => new ChallengeResult(),
            _ => null,
        };
        if (result is not null)
        {
            executed.Result = result;
            executed.ExceptionHandled = true;
        }
    }
}
