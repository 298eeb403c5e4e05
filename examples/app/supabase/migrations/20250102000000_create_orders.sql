-- Orders, one row per checkout.
create table public.orders (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  total_cents integer not null check (total_cents >= 0),
  status text not null default 'pending',
  created_at timestamptz not null default now()
);

create index orders_profile_id_idx on public.orders (profile_id);
