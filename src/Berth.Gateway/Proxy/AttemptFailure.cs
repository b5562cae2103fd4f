namespace Berth.Gateway.Proxy;

/// <summary>How one try at forwarding a request to one instance failed, which decides whether and where it goes again.</summary>
internal enum AttemptFailure
{
    /// <summary>No connection to the instance: nothing was sent, any request may go elsewhere.</summary>
    ConnectFailed,

    /// <summary>A new connection took the request and closed without a byte of answer: the instance is failing.</summary>
    NoResponse,

    /// <summary>A pooled connection closed without a byte of answer: most likely closed while idle, retry on a new one.</summary>
    StaleConnection,
}
