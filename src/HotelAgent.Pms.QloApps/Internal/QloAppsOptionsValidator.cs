using System.Globalization;
using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.QloApps;

/// <summary>Validates the annotated rules of <see cref="QloAppsOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class QloAppsOptionsValidator : IValidateOptions<QloAppsOptions>;

/// <summary>Validates the rules of <see cref="QloAppsOptions"/> that span properties or entries.</summary>
internal sealed class QloAppsOptionsCustomValidator : IValidateOptions<QloAppsOptions>
{
    private static readonly string[] _paymentTypes = ["pay at hotel", "remote", "online"];

    public ValidateOptionsResult Validate(string? name, QloAppsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.TotalTimeout < options.RequestTimeout)
        {
            builder.AddError($"TotalTimeout ({options.TotalTimeout}) must not be shorter than RequestTimeout ({options.RequestTimeout}).", nameof(options.TotalTimeout));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? string.Empty, out _))
        {
            builder.AddError($"TimeZone '{options.TimeZone}' is not a known time zone.", nameof(options.TimeZone));
        }

        if (!_paymentTypes.Contains(options.PaymentType, StringComparer.Ordinal))
        {
            builder.AddError($"PaymentType must be one of: {string.Join(", ", _paymentTypes)}.", nameof(options.PaymentType));
        }

        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, mapping) in options.RoomTypeMappings)
        {
            var member = $"{nameof(options.RoomTypeMappings)}[{id}]";
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                builder.AddError($"'{id}' is not a QloApps room type id (a positive number).", member);
            }

            if (mapping is null || string.IsNullOrWhiteSpace(mapping.Code))
            {
                builder.AddError("Code is required.", member);
                continue;
            }

            var result = new QloAppsRoomTypeMappingValidator().Validate(member, mapping);
            builder.AddResult(result);
            if (codes.TryGetValue(mapping.Code, out var other))
            {
                builder.AddError($"Code '{mapping.Code}' is used by room types {other} and {id}; codes must be unique.", member);
            }
            else
            {
                codes[mapping.Code] = id;
            }
        }

        return builder.Build();
    }
}

/// <summary>Validates the annotated rules of <see cref="QloAppsRoomTypeMapping"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class QloAppsRoomTypeMappingValidator : IValidateOptions<QloAppsRoomTypeMapping>;
