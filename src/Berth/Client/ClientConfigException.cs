namespace Berth.Client;

/// <summary>The client's own settings are unusable: a bad URL or an unreadable config file.</summary>
internal sealed class ClientConfigException(string message, Exception? innerException = null)
    : Exception(message, innerException);
