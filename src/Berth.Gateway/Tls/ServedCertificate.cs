using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Gateway.Tls;

/// <summary>A certificate ready for handshakes (its TLS settings built once), and when it is due for replacement.</summary>
internal sealed record ServedCertificate(X509Certificate2 Certificate, SslServerAuthenticationOptions Options, DateTimeOffset RenewAt);
