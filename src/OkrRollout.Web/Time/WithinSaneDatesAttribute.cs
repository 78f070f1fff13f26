using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Localization;

namespace OkrRollout.Web.Time;

/// <summary>
/// Refuses a DateOnly, DateTime or DateTimeOffset outside <see cref="SaneDates"/>; an empty value
/// is left to [Required]. The message is localised here: MVC localises only the attributes it knows.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class WithinSaneDatesAttribute : ValidationAttribute
{
    public WithinSaneDatesAttribute() => ErrorMessage = "Enter a date from {1} to {2}.";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var valid = value switch
        {
            null => true,
            DateOnly date => SaneDates.Contains(date),
            DateTime moment => SaneDates.Contains(moment),
            DateTimeOffset moment => SaneDates.Contains(moment.DateTime),
            _ => throw new InvalidOperationException($"[WithinSaneDates] is for dates, not {value.GetType().Name}."),
        };
        if (valid)
        {
            return ValidationResult.Success;
        }
        var localizer = validationContext.GetService(typeof(IStringLocalizer<SharedResource>)) as IStringLocalizer<SharedResource>;
        var text = localizer?[ErrorMessageString].Value ?? ErrorMessageString;
        return new ValidationResult(Format(text, validationContext.DisplayName), validationContext.MemberName is { } member ? [member] : null);
    }

    public override string FormatErrorMessage(string name) => Format(ErrorMessageString, name);

    private static string Format(string text, string name) =>
        string.Format(CultureInfo.CurrentCulture, text, name, SaneDates.Earliest.ToString("d", CultureInfo.CurrentCulture), SaneDates.Latest.ToString("d", CultureInfo.CurrentCulture));
}
