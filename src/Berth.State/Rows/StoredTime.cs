using System.Globalization;

namespace Berth.State.Rows;

/// <summary>
/// Timestamps are fixed-width ISO-8601 UTC text with 100 ns precision: exact round-trips of
/// <see cref="DateTimeOffset"/>, and text order is time order on every database.
/// </summary>
internal static class StoredTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
