using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>A public top-level type of src/ (one symbol per assembly that compiles it) and whether the sweep may narrow it.</summary>
internal sealed record PublicType(List<INamedTypeSymbol> Symbols, bool Narrowable);
