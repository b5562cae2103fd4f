namespace Berth.Gateway.Tests.Http.Reference;

/// <summary>The input ended before the message did.</summary>
internal sealed class IncompleteInputException : Exception;
