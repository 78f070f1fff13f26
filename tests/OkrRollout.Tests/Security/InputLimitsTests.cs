using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OkrRollout.Tests.Security;

/// <summary>Every text a form or a query accepts has a maximum length, so no field stores or echoes megabytes.</summary>
public class InputLimitsTests
{
    [Fact]
    public void Every_text_a_page_binds_has_a_maximum_length()
    {
        var unbounded = new List<string>();
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var bindsAll = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var property in page.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && (bindsAll || p.GetCustomAttribute<BindPropertyAttribute>() is not null)))
            {
                Collect(property, $"{page.FullName!.Replace("OkrRollout.Web.Pages.", "")}.{property.Name}", unbounded, depth: 0);
            }
        }
        Assert.True(unbounded.Count == 0, "No maximum length: " + string.Join(", ", unbounded));
    }

    private static void Collect(PropertyInfo property, string name, List<string> unbounded, int depth)
    {
        var type = property.PropertyType;
        if (type == typeof(string))
        {
            if (property.GetCustomAttribute<StringLengthAttribute>() is null && property.GetCustomAttribute<MaxLengthAttribute>() is null)
            {
                unbounded.Add(name);
            }
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            type = type.GetGenericArguments()[0];
        }
        if (depth < 3 && type.IsClass && type.Assembly == typeof(Program).Assembly)
        {
            foreach (var inner in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                Collect(inner, $"{name}.{inner.Name}", unbounded, depth + 1);
            }
        }
    }
}
