namespace Berth.State.Rows;

/// <summary>Enums are stored as their lowercase names, so the rows read well and survive reordering.</summary>
internal static class StoredEnum
{
    public static string ToText<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static T Parse<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);
}
