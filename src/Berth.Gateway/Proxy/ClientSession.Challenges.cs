using System.Text;
using Berth.Gateway.Routing;

namespace Berth.Gateway.Proxy;

internal sealed partial class ClientSession
{
    private static ReadOnlySpan<byte> ChallengePath => "/.well-known/acme-challenge/"u8;

    /// <summary>
    /// The key authorization for a GET (or HEAD) of <c>/.well-known/acme-challenge/{token}</c> whose token discovery
    /// holds, whatever the host: the ACME server validates a domain on whichever gateway its address reaches. Unknown
    /// tokens go on to the app, which may run its own ACME client.
    /// </summary>
    private bool TryAnswerChallenge(RouteTable table, out LocalResponse response)
    {
        response = default;
        var head = RequestBytes;
        var target = head[_request.Target];
        var method = head[_request.Method];
        if (!target.StartsWith(ChallengePath) || !(method.SequenceEqual("GET"u8) || method.SequenceEqual("HEAD"u8)))
        {
            return false;
        }

        var token = target[ChallengePath.Length..];
        var query = token.IndexOf((byte)'?');
        if (query >= 0)
        {
            token = token[..query];
        }

        if (!table.AcmeChallenges.TryGetValue(Encoding.ASCII.GetString(token), out var keyAuthorization))
        {
            return false;
        }

        // RFC 8555 §8.3: the body is the key authorization itself, nothing around it.
        response = new LocalResponse(200, "application/octet-stream", Encoding.ASCII.GetBytes(keyAuthorization));
        return true;
    }
}
