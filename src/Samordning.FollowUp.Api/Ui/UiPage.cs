using System.Globalization;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// Base of every page: sends commands and queries through the service's Mediator (the same
/// validation and access rules as the API) and turns a rejected command into Swedish messages
/// next to the fields they concern.
/// </summary>
public abstract class UiPage : PageModel
{
    protected ISender Sender => HttpContext.RequestServices.GetRequiredService<ISender>();

    public Caller Caller => Caller.From(User);

    /// <summary>Today's date in Sweden by the service's clock (the registered TimeProvider, which the tests move).</summary>
    public DateOnly Today => HttpContext.RequestServices.GetRequiredService<TimeProvider>().Today();

    /// <summary>Name of the bound form model whose fields the handler's error keys refer to.</summary>
    protected virtual string FormPrefix => "Input";

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>
    /// Sends <paramref name="message"/>; a validation, rule or conflict failure lands in ModelState
    /// (keyed to the form field) and gives default. 404 and 403 go on to the status pages.
    /// </summary>
    protected async Task<(bool Ok, TResponse? Response)> TrySendAsync<TResponse>(IMessage message, Func<IMessage, ValueTask<TResponse>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        try
        {
            if (!ModelState.IsValid)
            {
                // A field the form could not read (a tampered code, text in a number field) was left
                // empty: sending would store the rest without it. Show the command's own messages
                // beside the binding's, and send nothing.
                await ValidateOnlyAsync(message);
                return (false, default);
            }

            return (true, await send(message));
        }
        catch (ValidationException e)
        {
            foreach (var failure in e.Errors)
            {
                AddError(failure.PropertyName, failure.ErrorMessage);
            }
        }
        catch (RuleViolationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                foreach (var text in messages)
                {
                    AddError(field, text);
                }
            }
        }
        catch (ConflictException e)
        {
            AddError(e.Field ?? string.Empty, e.Message);
        }
        catch (IdempotencyKeyReusedException e)
        {
            AddError(string.Empty, e.Message);
        }

        return (false, default);
    }

    private async Task ValidateOnlyAsync(IMessage message)
    {
        var validatorType = typeof(IValidator<>).MakeGenericType(message.GetType());
        var context = new ValidationContext<IMessage>(message);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in HttpContext.RequestServices.GetServices(validatorType).OfType<IValidator>())
        {
            failures.AddRange((await validator.ValidateAsync(context, Aborted)).Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    protected Task<(bool Ok, TResponse? Response)> TrySendAsync<TResponse>(ICommand<TResponse> command) =>
        TrySendAsync(command, m => Sender.Send((ICommand<TResponse>)m, Aborted));

    protected Task<(bool Ok, TResponse? Response)> TrySendAsync<TResponse>(IQuery<TResponse> query) =>
        TrySendAsync(query, m => Sender.Send((IQuery<TResponse>)m, Aborted));

    /// <summary>Puts a message on the form field that a handler's error key names ("consent.date" → "Input.Consent.Date").</summary>
    protected void AddError(string handlerField, string message) => ModelState.AddModelError(FieldKey(handlerField), message);

    protected virtual string FieldKey(string handlerField)
    {
        if (string.IsNullOrEmpty(handlerField))
        {
            return string.Empty;
        }

        var path = string.Join('.', handlerField.Split('.').Select(part =>
            part.Length == 0 ? part : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
        if (!string.IsNullOrEmpty(FormPrefix))
        {
            return $"{FormPrefix}.{path}";
        }

        // No form model: the page's own bound properties are the fields (a filter form), under the
        // name the browser sends ("year" → Year → "ar"); a field the page does not have goes to the
        // error summary.
        return BoundName(path) ?? string.Empty;
    }

    /// <summary>
    /// The name a bound property of the page is sent and kept under ("ar" for
    /// <c>[BindProperty(Name = "ar")] Year</c>), or null when the page binds no such property.
    /// </summary>
    protected string? BoundName(string propertyName)
    {
        var property = GetType().GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.GetCustomAttribute<BindPropertyAttribute>() is { } bind ? bind.Name ?? property.Name : null;
    }

    /// <summary>A one-line confirmation shown at the top of the next page (after a redirect).</summary>
    protected void Confirm(string message) => TempData["Bekraftelse"] = message;

    /// <summary>A confirmation with the natural next step as a link under it ("Skriv in nästa").</summary>
    protected void Confirm(string message, string nextHref, string nextText)
    {
        Confirm(message);
        TempData["BekraftelseLank"] = nextHref;
        TempData["BekraftelseLanktext"] = nextText;
    }
}
