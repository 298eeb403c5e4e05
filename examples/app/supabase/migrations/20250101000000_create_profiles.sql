-- Profiles of signed-up users (Supabase layout: supabase/migrations/<version>_<name>.sql).
create table public.profiles (
  id uuid primary key,
  email text not null unique,
  display_name text,
  created_at timestamptz not null default now()
);
