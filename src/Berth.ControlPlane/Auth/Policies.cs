namespace Berth.ControlPlane.Auth;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Admin = "admin";
}
