using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Convene.Data;

/// <summary>Stores a DateTimeOffset as UTC ticks, so SQLite can order and compare it.</summary>
internal sealed class DateTimeOffsetToUtcTicks() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
