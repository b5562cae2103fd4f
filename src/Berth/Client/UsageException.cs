namespace Berth.Client;

/// <summary>A command line that parsed but asks for something that cannot be: printed as an <c>error:</c> line, exit code 2 like a parse error.</summary>
internal sealed class UsageException(string message) : Exception(message);
