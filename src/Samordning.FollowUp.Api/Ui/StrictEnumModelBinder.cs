using Microsoft.AspNetCore.Mvc.ModelBinding;
using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// The forms bind codes with the API's rule (<see cref="CodeNames"/>: one defined name). MVC's own
/// enum binding parses with Enum.Parse, so a tampered "PlannedCompletion, Other" would arrive as
/// Other and "1" as the second code. A value that is not a code is a field error, never echoed.
/// </summary>
internal sealed class StrictEnumModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        return type.IsEnum ? new Binder(type) : null;
    }

    private sealed class Binder(Type enumType) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            var text = result.FirstValue;
            var messages = bindingContext.ModelMetadata.ModelBindingMessageProvider;
            if (string.IsNullOrEmpty(text))
            {
                // "Välj …": no code chosen, as MVC's own binding treats an empty value.
                if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                {
                    bindingContext.Result = ModelBindingResult.Success(null);
                }
                else
                {
                    bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, messages.ValueMustNotBeNullAccessor(text ?? string.Empty));
                }
            }
            else if (result.Length == 1 && CodeNames.TryParse(enumType, text, out var value))
            {
                bindingContext.Result = ModelBindingResult.Success(value);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    messages.AttemptedValueIsInvalidAccessor(string.Empty, bindingContext.ModelMetadata.GetDisplayName()));
            }

            return Task.CompletedTask;
        }
    }
}
