namespace Berth.Gateway.Tests.Http.Reference;

/// <summary>The input breaks the grammar.</summary>
internal sealed class InvalidInputException : Exception;
