using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>
/// The house rule for private fields, as most of the code already wrote it (and .editorconfig now enforces):
/// instance and mutable static fields `_camelCase`, `static readonly` and `const` fields `PascalCase`.
/// </summary>
internal static class FieldNames
{
    /// <summary>The name the rule asks for, or null when the field is not private or already follows it.</summary>
    public static string? Wanted(IFieldSymbol field)
    {
        if (field.DeclaredAccessibility != Accessibility.Private || field.IsImplicitlyDeclared)
        {
            return null;
        }
        var stem = Stem(field.Name);
        if (stem.Length == 0)
        {
            return null;
        }
        var wanted = field.IsConst || field.IsStatic && field.IsReadOnly ? Pascal(stem) : "_" + Camel(stem);
        return wanted == field.Name ? null : wanted;
    }

    private static string Stem(string name)
    {
        var stem = name.TrimStart('_');
        return stem.Length > 2 && stem[1] == '_' && stem[0] is 's' or 'm' or 't' ? stem[2..] : stem;
    }

    private static string Pascal(string stem) => char.ToUpperInvariant(stem[0]) + stem[1..];

    // "HTTPClient" -> "httpClient", "URL" -> "url", "Port" -> "port": the leading capitals form one word.
    private static string Camel(string stem)
    {
        var run = 0;
        while (run < stem.Length && char.IsUpper(stem[run]))
        {
            run++;
        }
        if (run > 1 && run < stem.Length && char.IsLower(stem[run]))
        {
            run--;
        }
        return run == 0 ? stem : stem[..run].ToLowerInvariant() + stem[run..];
    }
}
