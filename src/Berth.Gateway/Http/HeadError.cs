namespace Berth.Gateway.Http;

/// <summary>Why a message head was refused; the status the gateway answers a client with.</summary>
internal enum HeadError
{
    None = 0,
    BadRequest = 400,
    HeadTooLarge = 431,
    NotImplemented = 501,
    VersionNotSupported = 505,
}
