namespace Convene.Meetings;

public static class MeetingsExtensions
{
    /// <summary>Booking: options (<c>Convene:Meetings</c>), the allocator, booking, changes, cancels, queries, the series window.</summary>
    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MeetingsOptions>().BindConfiguration(MeetingsOptions.Section)
            .Validate(o => o.GapAfterEnd >= TimeSpan.Zero && o.MaxDialOuts >= 0 && o.PinMinLength >= 1 && o.PinMaxLength >= o.PinMinLength && o.PinMaxLength <= 32
                && o.MaxDuration > TimeSpan.Zero && o.HoldSlack >= TimeSpan.Zero && o.SeriesWindow > TimeSpan.Zero && o.MaxOccurrencesPerExpansion > 0 && o.MaxPageSize > 0
                && o.BookingWait > TimeSpan.Zero && o.BookingWait <= TimeSpan.FromMinutes(1),
                "Convene:Meetings: GapAfterEnd ≥ 0, MaxDialOuts ≥ 0, 1 ≤ PinMinLength ≤ PinMaxLength ≤ 32, MaxDuration, SeriesWindow, MaxOccurrencesPerExpansion and MaxPageSize positive, BookingWait above 0 and at most 1 minute.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MeetingsOptions>, OwnerJidValidation>();
        builder.Services.AddSingleton<BookingGate>();
        builder.Services.AddScoped<PlaceholderAllocator>();
        builder.Services.AddScoped<MeetingBooking>();
        builder.Services.AddScoped<MeetingChanges>();
        builder.Services.AddScoped<MeetingCancellation>();
        builder.Services.AddScoped<MeetingQueries>();
        builder.Services.AddScoped<BridgeAvailability>();
        builder.Services.AddScoped<SeriesWindow>();
        return builder;
    }
}
