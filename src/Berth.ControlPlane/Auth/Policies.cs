namespace Berth.ControlPlane.Auth;

/// <summary>Authorization policy names.</summary>
internal static class Policies
{
    public const string Admin = "admin";
}
