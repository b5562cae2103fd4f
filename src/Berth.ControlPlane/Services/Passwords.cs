using System.Security.Cryptography;

namespace Berth.ControlPlane.Services;

/// <summary>Credentials Berth makes for services: random, and letters and digits only, so they go into URLs and SQL unescaped.</summary>
internal static class Passwords
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>32 characters, about 190 bits.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>A database user name: a letter, then lowercase letters and digits.</summary>
    public static string NewUser(string prefix) => prefix + RandomNumberGenerator.GetString(Lower, 10);
}
