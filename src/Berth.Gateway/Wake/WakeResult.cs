namespace Berth.Gateway.Wake;

/// <summary>How a request held for a sleeping app ended.</summary>
internal enum WakeResult
{
    /// <summary>The app's route has instances: forward the request.</summary>
    Awake,
    /// <summary>The app already holds as many requests as <see cref="GatewayOptions.WakeHoldLimit"/> allows.</summary>
    Full,
    /// <summary>The app did not wake within <see cref="GatewayOptions.WakeTimeout"/>.</summary>
    TimedOut,
    /// <summary>The control plane could not wake the app; the outcome carries its reason.</summary>
    Failed,
    /// <summary>The client left while its request was held.</summary>
    ClientGone,
}
