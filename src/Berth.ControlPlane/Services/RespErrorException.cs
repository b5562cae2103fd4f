namespace Berth.ControlPlane.Services;

/// <summary>Redis answered a command with an error reply.</summary>
internal sealed class RespErrorException(string message) : Exception($"Redis: {message}");
