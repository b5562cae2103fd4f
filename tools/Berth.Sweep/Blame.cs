using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>Finds the narrowed types a compile error names, so they can go back to public.</summary>
internal static partial class Blame
{
    // "Inconsistent accessibility: parameter type 'A' is less accessible than method 'B.M(A)'": only A is at fault.
    private static readonly HashSet<string> Inconsistent =
        ["CS0050", "CS0051", "CS0052", "CS0053", "CS0054", "CS0055", "CS0056", "CS0057", "CS0058", "CS0059", "CS0060", "CS0061", "CS0703"];

    public static HashSet<string> TypesIn(IEnumerable<Diagnostic> errors, IEnumerable<(string Key, INamedTypeSymbol Type)> narrowed)
    {
        var byName = new Dictionary<string, HashSet<string>>();
        foreach (var (key, type) in narrowed)
        {
            Index(byName, Plain(type.ToDisplayString()), key);
            Index(byName, type.Name, key);
        }
        var blamed = new HashSet<string>();
        foreach (var error in errors)
        {
            var quoted = Quoted().Matches(error.GetMessage()).Select(m => m.Groups[1].Value);
            if (Inconsistent.Contains(error.Id))
            {
                // The less accessible type may be a type argument: 'IReadOnlyList<ChartSeries>' blames ChartSeries.
                foreach (var name in quoted.Take(1).SelectMany(q => DottedNames().Matches(q).Select(m => m.Value)))
                {
                    blamed.UnionWith(Named(byName, name));
                }
                continue;
            }
            foreach (var name in quoted)
            {
                blamed.UnionWith(Named(byName, Plain(name)));
            }
        }
        return blamed;
    }

    // The longest dotted prefix that names a narrowed type: 'Berth.Core.Foo.Bar()' blames Berth.Core.Foo.
    private static IEnumerable<string> Named(Dictionary<string, HashSet<string>> byName, string name)
    {
        var segments = name.Split('.');
        for (var length = segments.Length; length > 0; length--)
        {
            for (var start = 0; start + length <= segments.Length; start++)
            {
                if (byName.TryGetValue(string.Join('.', segments, start, length), out var keys))
                {
                    return keys;
                }
            }
        }
        return [];
    }

    private static string Plain(string name)
    {
        var cut = name.IndexOf('(');
        var plain = cut < 0 ? name : name[..cut];
        string previous;
        do
        {
            previous = plain;
            plain = TypeArguments().Replace(plain, "");
        }
        while (plain != previous);
        return plain.Replace("global::", "");
    }

    private static void Index(Dictionary<string, HashSet<string>> byName, string name, string key)
    {
        if (!byName.TryGetValue(name, out var keys))
        {
            byName[name] = keys = [];
        }
        keys.Add(key);
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"[\w.]+")]
    private static partial Regex DottedNames();

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex TypeArguments();
}
