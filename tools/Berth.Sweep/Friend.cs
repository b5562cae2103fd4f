namespace Berth.Sweep;

/// <summary>An <c>InternalsVisibleTo</c> item to add: the product project file and the test or bench assembly it trusts.</summary>
internal sealed record Friend(string ProjectFile, string AssemblyName);
