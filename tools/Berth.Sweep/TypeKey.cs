using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>
/// One top-level type across projects: a file compiled into two assemblies (the gateway host links the executable's
/// hosting files) declares one type in each, and both copies share one decision.
/// </summary>
internal static class TypeKey
{
    public static string Of(INamedTypeSymbol type)
    {
        var top = TopLevel(type);
        var file = top.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.FilePath).Order(StringComparer.Ordinal).FirstOrDefault();
        return $"{top.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}@{file ?? top.ContainingAssembly.Name}";
    }

    public static INamedTypeSymbol TopLevel(INamedTypeSymbol type)
    {
        var top = type.OriginalDefinition;
        while (top.ContainingType is { } outer)
        {
            top = outer.OriginalDefinition;
        }
        return top;
    }
}
