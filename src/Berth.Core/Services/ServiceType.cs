namespace Berth.Core.Services;

/// <summary>The kinds of base service Berth runs from its own images.</summary>
public enum ServiceType
{
    Postgres,
    Mariadb,
    Redis,
}
