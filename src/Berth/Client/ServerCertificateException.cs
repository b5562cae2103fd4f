namespace Berth.Client;

/// <summary>The API's certificate was refused, or no TLS connection could be made; the message says why and what to do.</summary>
internal sealed class ServerCertificateException(string message, Exception innerException) : Exception(message, innerException);
