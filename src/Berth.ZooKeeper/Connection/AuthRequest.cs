using Berth.ZooKeeper.Protocol;

namespace Berth.ZooKeeper.Connection;

/// <summary>Credentials added to the session; sent again on every new connection, since the server keeps them per connection.</summary>
internal sealed class AuthRequest
{
    public AuthRequest(string scheme, byte[] auth)
    {
        Scheme = scheme;
        var writer = new JuteWriter();
        writer.WriteInt(Xids.Auth);
        writer.WriteInt((int)OpCode.Auth);
        writer.WriteInt(0); // AuthPacket.type, unused
        writer.WriteString(scheme);
        writer.WriteBuffer(auth);
        Frame = writer.ToFrame();
    }

    public string Scheme { get; }

    public byte[] Frame { get; }

    /// <summary>Completes when the server first accepts the credentials, or fails when it refuses them.</summary>
    public TaskCompletionSource Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
