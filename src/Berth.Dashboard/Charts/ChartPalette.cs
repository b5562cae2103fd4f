namespace Berth.Dashboard.Charts;

/// <summary>The charts' colours: distinct for people with the common colour-vision deficiencies (Okabe-Ito), plus dashes.</summary>
internal static class ChartPalette
{
    private static readonly string[] Colors = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#6b6b6b", "#b8a300"];
    private static readonly string?[] Dashes = [null, "6 3", "2 3", "8 3 2 3"];

    /// <summary>The colour of the <paramref name="index"/>-th line.</summary>
    public static string Color(int index) => Colors[index % Colors.Length];

    /// <summary>The dash pattern of the <paramref name="index"/>-th line (null: solid).</summary>
    public static string? Dash(int index) => Dashes[index / Colors.Length % Dashes.Length];

    /// <summary>Responses by status class, each in the colour people expect of it.</summary>
    public static string StatusClass(string name) => name switch
    {
        "2xx" => "#17804a",
        "3xx" => "#0072b2",
        "4xx" => "#e69f00",
        "5xx" => "#c0302b",
        _ => "#6b6b6b",
    };
}
