namespace Berth.Dashboard.Components;

/// <summary>ARIA attribute values (Blazor writes a true boolean as an empty attribute, which ARIA does not read as true).</summary>
internal static class Aria
{
    /// <summary><c>aria-invalid</c> for a field with the given error message.</summary>
    public static string Invalid(string? error) => error is null ? "false" : "true";
}
