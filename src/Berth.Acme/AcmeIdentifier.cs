namespace Berth.Acme;

/// <summary>A name an order is for; Berth only asks for <c>dns</c> ones.</summary>
internal sealed record AcmeIdentifier(string Type, string Value);
