using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace OkrRollout.Web.Localization;

/// <summary>The messages model binding writes itself (a date that is not a date, a missing value), in the request's language.</summary>
public static class ModelBindingMessages
{
    public static void Localize(MvcOptions options, IStringLocalizerFactory factory)
    {
        var localizer = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueIsInvalidAccessor(value => localizer["\"{0}\" is not a valid value.", value]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["\"{0}\" is not a valid value.", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["\"{0}\" is not a valid value.", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => localizer["The value is not valid."]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The value is not valid."]);
        messages.SetValueMustNotBeNullAccessor(_ => localizer["A value is required."]);
        messages.SetMissingBindRequiredValueAccessor(_ => localizer["A value is required."]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A value is required."]);
        messages.SetValueMustBeANumberAccessor(_ => localizer["Enter a number."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Enter a number."]);
    }
}
