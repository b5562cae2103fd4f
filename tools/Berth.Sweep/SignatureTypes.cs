using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>
/// The types a public type shows to other assemblies: its bases, its constraints and the signatures of its public and
/// protected members, nested types included. The compiler requires each of them to be public too.
/// </summary>
internal static class SignatureTypes
{
    public static IEnumerable<INamedTypeSymbol> Of(INamedTypeSymbol type)
    {
        var found = new List<INamedTypeSymbol>();
        Visit(type, found);
        return found;
    }

    private static void Visit(INamedTypeSymbol type, List<INamedTypeSymbol> found)
    {
        Add(type.BaseType, found);
        foreach (var face in type.Interfaces)
        {
            Add(face, found);
        }
        AddConstraints(type.TypeParameters, found);
        foreach (var member in type.GetMembers().Where(Shown))
        {
            switch (member)
            {
                case INamedTypeSymbol nested:
                    Visit(nested, found);
                    break;
                case IMethodSymbol method:
                    Add(method.ReturnType, found);
                    method.Parameters.ToList().ForEach(p => Add(p.Type, found));
                    AddConstraints(method.TypeParameters, found);
                    break;
                case IPropertySymbol property:
                    Add(property.Type, found);
                    property.Parameters.ToList().ForEach(p => Add(p.Type, found));
                    break;
                case IFieldSymbol field:
                    Add(field.Type, found);
                    break;
                case IEventSymbol @event:
                    Add(@event.Type, found);
                    break;
            }
        }
    }

    private static bool Shown(ISymbol member) =>
        member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

    private static void AddConstraints(IEnumerable<ITypeParameterSymbol> parameters, List<INamedTypeSymbol> found)
    {
        foreach (var constraint in parameters.SelectMany(p => p.ConstraintTypes))
        {
            Add(constraint, found);
        }
    }

    private static void Add(ITypeSymbol? type, List<INamedTypeSymbol> found)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                Add(array.ElementType, found);
                break;
            case IPointerTypeSymbol pointer:
                Add(pointer.PointedAtType, found);
                break;
            case INamedTypeSymbol named:
                found.Add(named);
                foreach (var argument in named.TypeArguments)
                {
                    Add(argument, found);
                }
                break;
        }
    }
}
